//! Compiles the default theme's busiest templates into Rust.
//!
//! A big briefing lists each event on the timeline, on its article and on the
//! page of each of its actors, and has thousands of article and actor pages:
//! through Tera, each item and page first becomes a tree of JSON values. The
//! templates stay the only source of the theme: this reads them with Tera's
//! own parser and writes, for each template of [`COMPILED`], a Rust function
//! that writes what Tera would, straight from the view Tera would be given.
//! `src/render/compiled.rs` holds the few traits the functions call, and uses
//! a function only while the site leaves its templates as they come (a
//! site's own template always goes through Tera). Tests render every page and
//! item of the fixture sites both ways and compare the bytes.
//!
//! What is compiled is the part of Tera the default theme uses: text, `{{ }}`
//! with the filters `safe`, `pluralize`, `length`, `replace`, `first`, `last`,
//! `get` and `default`, `{% if %}` / `elif` / `else` on values, `not`, `and`,
//! `or` and comparisons, `{% for %}` with `loop.first`, `loop.last` and
//! `loop.index`, `{% include %}`, and `{% extends %}` with blocks. Anything
//! else in one of these templates fails the build, naming the template.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use tera::ast::{Expr, ExprVal, FunctionCall, LogicOperator, Node};

/// A template compiled into a function, and the Rust values it is given: the
/// names its text uses, with their types.
struct Compiled {
    template: &'static str,
    function: &'static str,
    params: &'static [(&'static str, &'static str)],
}

/// The templates compiled, each into a function `fn(params..., h: &mut String)`.
const COMPILED: &[Compiled] = &[
    Compiled {
        template: "partials/event.html",
        function: "event",
        params: &[("e", "&EventView<'_>")],
    },
    Compiled {
        template: "partials/quote.html",
        function: "quote",
        params: &[
            ("q", "&QuoteView<'_>"),
            ("hide_speaker", "bool"),
            ("hide_article", "bool"),
        ],
    },
    Compiled {
        template: "partials/article_item.html",
        function: "article_item",
        params: &[("a", "&ArticleLink<'_>")],
    },
    Compiled {
        template: "partials/actor_link.html",
        function: "actor_link",
        params: &[("a", "&ActorLink<'_>")],
    },
    Compiled {
        template: "article.html",
        function: "article_page",
        params: &[("frame", "&Frame"), ("view", "&ArticleView<'_>")],
    },
    Compiled {
        template: "actor.html",
        function: "actor_page",
        params: &[("frame", "&Frame"), ("view", "&ActorView<'_>")],
    },
    Compiled {
        template: "timeline.html",
        function: "timeline_page",
        params: &[("frame", "&Frame"), ("view", "&TimelineView")],
    },
];

/// The Rust source of every function of [`COMPILED`], and for each a list of
/// the templates it was made from (`<FUNCTION>_TEMPLATES`).
pub fn generate(templates: &Path) -> Result<String, String> {
    let mut out = String::from(
        "// Written by build/templates.rs from the templates in templates/: edit those.\n",
    );
    for compiled in COMPILED {
        let mut writer = Writer {
            templates,
            code: String::new(),
            depth: 1,
            names: Vec::new(),
            loops: Vec::new(),
            next: 0,
            used: BTreeSet::new(),
        };
        for (name, _) in compiled.params {
            writer.names.push((name.to_string(), name.to_string()));
        }
        let nodes = writer.parse(compiled.template)?;
        writer.template(compiled.template, &nodes)?;
        let params: Vec<String> = compiled
            .params
            .iter()
            .map(|(name, ty)| format!("{name}: {ty}"))
            .collect();
        let _ = writeln!(
            out,
            "\n/// `templates/{}`.\npub fn {}({}, h: &mut String) {{\n{}}}",
            compiled.template,
            compiled.function,
            params.join(", "),
            writer.code
        );
        let used: Vec<String> = writer.used.iter().map(|t| format!("{t:?}")).collect();
        let _ = writeln!(
            out,
            "\n/// The templates [`{}`] stands in for.\npub const {}_TEMPLATES: &[&str] = &[{}];",
            compiled.function,
            compiled.function.to_uppercase(),
            used.join(", ")
        );
    }
    Ok(out)
}

/// Writes the body of one function.
struct Writer<'t> {
    templates: &'t Path,
    code: String,
    depth: usize,
    /// What each name of the template (`e`, `e.article`, a loop's `a`) is in
    /// Rust, innermost last.
    names: Vec<(String, String)>,
    /// The number of each loop around the current node, innermost last.
    loops: Vec<usize>,
    next: usize,
    used: BTreeSet<String>,
}

/// Tera's error in a template, as a build error.
fn tera_error(template: &str, e: &tera::Error) -> String {
    let mut message = format!("templates/{template}: {e}");
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let _ = write!(message, ": {cause}");
        source = cause.source();
    }
    message
}

impl Writer<'_> {
    fn parse(&mut self, template: &str) -> Result<Vec<Node>, String> {
        let path = self.templates.join(template);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        self.used.insert(template.to_string());
        tera::Template::new(template, None, &text)
            .map(|t| t.ast)
            .map_err(|e| tera_error(template, &e))
    }

    fn line(&mut self, code: &str) {
        for _ in 0..self.depth {
            self.code.push_str("    ");
        }
        self.code.push_str(code);
        self.code.push('\n');
    }

    fn fresh(&mut self) -> usize {
        self.next += 1;
        self.next
    }

    /// A whole template: its own nodes, or its parent's with its blocks in them.
    fn template(&mut self, template: &str, nodes: &[Node]) -> Result<(), String> {
        let parent = nodes.iter().find_map(|n| match n {
            Node::Extends(_, parent) => Some(parent.clone()),
            _ => None,
        });
        match parent {
            None => self.nodes(template, nodes, &HashMap::new()),
            Some(parent) => {
                let blocks: HashMap<String, &[Node]> = nodes
                    .iter()
                    .filter_map(|n| match n {
                        Node::Block(_, block, _) => Some((block.name.clone(), &block.body[..])),
                        _ => None,
                    })
                    .collect();
                let parent_nodes = self.parse(&parent)?;
                self.nodes(&parent, &parent_nodes, &blocks)
            }
        }
    }

    fn nodes(
        &mut self,
        template: &str,
        nodes: &[Node],
        blocks: &HashMap<String, &[Node]>,
    ) -> Result<(), String> {
        for node in nodes {
            self.node(template, node, blocks)?;
        }
        Ok(())
    }

    fn node(
        &mut self,
        template: &str,
        node: &Node,
        blocks: &HashMap<String, &[Node]>,
    ) -> Result<(), String> {
        match node {
            Node::Text(text) => self.line(&format!("h.push_str({text:?});")),
            Node::Comment(..) => {}
            Node::VariableBlock(_, expr) => {
                let raw = expr.filters.last().is_some_and(|f| f.name == "safe");
                let value = self.value(template, expr)?;
                let write = if raw { "raw" } else { "emit" };
                self.line(&format!("{write}(h, &{value});"));
            }
            Node::Block(_, block, _) => {
                let body = blocks.get(&block.name).copied().unwrap_or(&block.body);
                self.nodes(template, body, &HashMap::new())?;
            }
            Node::Include(_, names, _) => {
                let [name] = names.as_slice() else {
                    return Err(format!(
                        "templates/{template}: an include of several templates"
                    ));
                };
                let included = self.parse(name)?;
                self.nodes(name, &included, blocks)?;
            }
            Node::If(branches, _) => {
                let mut first = true;
                for (_, condition, body) in &branches.conditions {
                    let opening = if first { "if" } else { "} else if" };
                    first = false;
                    let bound = self.bare_path(condition).map(str::to_string);
                    match bound {
                        Some(path) => {
                            let value = self.path(template, &path)?;
                            let n = self.fresh();
                            self.line(&format!("{opening} let Some(v{n}) = truth(&{value}) {{"));
                            self.names.push((path, format!("v{n}")));
                            self.depth += 1;
                            self.nodes(template, body, blocks)?;
                            self.depth -= 1;
                            self.names.pop();
                        }
                        None => {
                            let test = self.condition(template, condition)?;
                            self.line(&format!("{opening} {test} {{"));
                            self.depth += 1;
                            self.nodes(template, body, blocks)?;
                            self.depth -= 1;
                        }
                    }
                }
                if let Some((_, body)) = &branches.otherwise {
                    self.line("} else {");
                    self.depth += 1;
                    self.nodes(template, body, blocks)?;
                    self.depth -= 1;
                }
                self.line("}");
            }
            Node::Forloop(_, forloop, _) => {
                if forloop.key.is_some() || forloop.empty_body.is_some() {
                    return Err(format!(
                        "templates/{template}: a for loop with a key or an else is not compiled"
                    ));
                }
                let container = self.value(template, &forloop.container)?;
                let n = self.fresh();
                self.line(&format!("let s{n} = &{container};"));
                self.line(&format!("let n{n} = s{n}.len();"));
                self.line(&format!("for (i{n}, v{n}) in s{n}.iter().enumerate() {{"));
                self.depth += 1;
                self.line(&format!("let _ = (i{n}, n{n});"));
                self.names.push((forloop.value.clone(), format!("v{n}")));
                self.loops.push(n);
                self.nodes(template, &forloop.body, blocks)?;
                self.loops.pop();
                self.names.pop();
                self.depth -= 1;
                self.line("}");
            }
            other => {
                return Err(format!(
                    "templates/{template}: {other:?} is not compiled (see build/templates.rs)"
                ));
            }
        }
        Ok(())
    }

    /// The path of a condition that is a value alone (`e.article`), which the
    /// branch then reads as what it holds.
    fn bare_path<'e>(&self, expr: &'e Expr) -> Option<&'e str> {
        match &expr.val {
            ExprVal::Ident(path)
                if !expr.negated && expr.filters.is_empty() && !path.starts_with("loop.") =>
            {
                Some(path)
            }
            _ => None,
        }
    }

    /// A Rust `bool` expression for a condition.
    fn condition(&mut self, template: &str, expr: &Expr) -> Result<String, String> {
        let test = match &expr.val {
            ExprVal::Logic(logic) => {
                let lhs = &logic.lhs;
                let rhs = &logic.rhs;
                match logic.operator {
                    LogicOperator::And | LogicOperator::Or => {
                        let op = if logic.operator == LogicOperator::And {
                            "&&"
                        } else {
                            "||"
                        };
                        let l = self.condition(template, lhs)?;
                        let r = self.condition(template, rhs)?;
                        format!("({l} {op} {r})")
                    }
                    LogicOperator::Eq | LogicOperator::NotEq => {
                        let op = if logic.operator == LogicOperator::Eq {
                            "=="
                        } else {
                            "!="
                        };
                        let l = self.value(template, lhs)?;
                        let r = self.value(template, rhs)?;
                        format!("({l} {op} {r})")
                    }
                    LogicOperator::Gt
                    | LogicOperator::Gte
                    | LogicOperator::Lt
                    | LogicOperator::Lte => {
                        let op = match logic.operator {
                            LogicOperator::Gt => ">",
                            LogicOperator::Gte => ">=",
                            LogicOperator::Lt => "<",
                            _ => "<=",
                        };
                        let l = self.value(template, lhs)?;
                        let r = self.value(template, rhs)?;
                        format!("(number(&{l}) {op} number(&{r}))")
                    }
                }
            }
            ExprVal::Bool(b) => b.to_string(),
            _ => {
                let value = self.value(
                    template,
                    &Expr {
                        negated: false,
                        ..expr.clone()
                    },
                )?;
                format!("truth(&{value}).is_some()")
            }
        };
        Ok(if expr.negated {
            format!("!{test}")
        } else {
            test
        })
    }

    /// A Rust expression for a value, its filters applied (but `safe`, which
    /// decides how it is written).
    fn value(&mut self, template: &str, expr: &Expr) -> Result<String, String> {
        if expr.negated {
            return self.condition(template, expr);
        }
        let mut value = match &expr.val {
            ExprVal::Ident(path) => self.path(template, path)?,
            ExprVal::String(s) => format!("{s:?}"),
            ExprVal::Int(n) => format!("{n}i64"),
            ExprVal::Bool(b) => b.to_string(),
            other => {
                return Err(format!(
                    "templates/{template}: the value {other:?} is not compiled"
                ));
            }
        };
        for filter in &expr.filters {
            value = self.filter(template, value, filter)?;
        }
        Ok(value)
    }

    fn filter(
        &mut self,
        template: &str,
        value: String,
        filter: &FunctionCall,
    ) -> Result<String, String> {
        let text_arg = |name: &str| match filter.args.get(name).map(|e| &e.val) {
            Some(ExprVal::String(s)) => Ok(format!("{s:?}")),
            _ => Err(format!(
                "templates/{template}: `{}` needs a text `{name}`",
                filter.name
            )),
        };
        Ok(match filter.name.as_str() {
            "safe" | "default" => value,
            "length" => format!("{value}.len()"),
            "pluralize" => format!("plural(&{value})"),
            "first" => format!("{value}.first()"),
            "last" => format!("{value}.last()"),
            "replace" => format!(
                "{value}.replace({}, {})",
                text_arg("from")?,
                text_arg("to")?
            ),
            "get" => match filter.args.get("key").map(|e| &e.val) {
                Some(ExprVal::String(key)) if is_field(key) => {
                    format!("{value}.map(|x| &x.{key})")
                }
                _ => return Err(format!("templates/{template}: `get` needs a field `key`")),
            },
            other => {
                return Err(format!(
                    "templates/{template}: the filter `{other}` is not compiled"
                ));
            }
        })
    }

    /// The Rust place of a dotted path: the longest prefix with a name, then fields.
    fn path(&mut self, template: &str, path: &str) -> Result<String, String> {
        let parts: Vec<&str> = path.split('.').collect();
        if parts.first() == Some(&"loop") {
            let n = self
                .loops
                .last()
                .ok_or_else(|| format!("templates/{template}: `{path}` outside a loop"))?;
            return match parts.get(1) {
                Some(&"first") => Ok(format!("(i{n} == 0)")),
                Some(&"last") => Ok(format!("(i{n} + 1 == n{n})")),
                Some(&"index") => Ok(format!("(i{n} + 1)")),
                _ => Err(format!("templates/{template}: `{path}` is not compiled")),
            };
        }
        for len in (1..=parts.len()).rev() {
            let prefix = parts[..len].join(".");
            if let Some((_, rust)) = self.names.iter().rev().find(|(name, _)| *name == prefix) {
                let mut place = rust.clone();
                for field in &parts[len..] {
                    if !is_field(field) {
                        return Err(format!("templates/{template}: `{path}` is not compiled"));
                    }
                    place.push('.');
                    place.push_str(field);
                }
                return Ok(place);
            }
        }
        Err(format!(
            "templates/{template}: `{path}` names nothing it is given"
        ))
    }
}

/// Whether `name` can be a Rust field.
fn is_field(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
}
