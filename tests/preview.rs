//! `briefing serve`: serves the site, rebuilds on change, tells pages to reload.

mod common;

use common::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("serve printed its address")
            .expect("line");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .expect("port")
                .parse()
                .expect("port number");
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serves_rebuilds_on_change_and_signals_reload() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let (status, index) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(index.contains("Fixture briefing"));
    assert!(
        index.contains("/__briefing/wait"),
        "live-reload script injected"
    );
    assert_eq!(get(server.port, "/no/such/page").0, 404);

    // A long poll started now answers when the edit has been rebuilt.
    let port = server.port;
    let waiter = std::thread::spawn(move || get(port, "/__briefing/wait?v=1").1);
    std::thread::sleep(std::time::Duration::from_millis(300));
    site.write("seeds/001_talks.txt", "Ministers meet in Geneva as talks resume\n\n12 March 2024\n\nAn edited paragraph about Geneva.\n");
    let version: u64 = waiter
        .join()
        .expect("waiter")
        .trim()
        .parse()
        .expect("version number");
    assert!(version >= 2, "version moved on: {version}");
    let (_, article) = get(
        server.port,
        "/articles/ministers-meet-in-geneva-as-talks-resume/",
    );
    assert!(
        article.contains("An edited paragraph about Geneva."),
        "{article}"
    );
}
