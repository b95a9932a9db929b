//! The timeline: events grouped by month and day, on one page while it is
//! small, split into month pages (and parts of busy months) when it grows, so
//! no page grows without bound.

use super::links::{Links, timeline_page_path};
use super::page_data::{Listing, PageData};
use super::views::{AxisMark, DayGroup, FilterActor, MonthGroup, PageLink, TimelineView};
use crate::model::{Briefing, Precision, When};
use std::collections::HashMap;
use std::ops::Range;

/// Most events on one timeline page.
pub const PAGE_EVENTS: usize = 400;
/// Most marks on the time axis: beyond this, one mark per month.
const AXIS_MARKS: usize = 300;
/// Most actors offered by one page's filter.
const FILTER_ACTORS: usize = 200;

/// One page of the timeline: its path and the events it shows (a range of `Briefing::events`).
pub struct TimelinePage {
    pub path: String,
    pub label: String,
    pub events: Range<usize>,
}

/// The timeline's pages. Empty when everything fits on `timeline/index.html`.
pub fn pages(b: &Briefing) -> Vec<TimelinePage> {
    if b.events.len() <= PAGE_EVENTS {
        return Vec::new();
    }
    let mut pages = Vec::new();
    let mut start = 0;
    while start < b.events.len() {
        let month = b.events[start].when.filed_under();
        let key = b.events[start].when.month_key();
        let month_end = start
            + b.events[start..]
                .iter()
                .take_while(|e| e.when.filed_under() == month)
                .count();
        let parts = (month_end - start).div_ceil(PAGE_EVENTS);
        for part in 0..parts {
            let from = start + part * PAGE_EVENTS;
            let to = (from + PAGE_EVENTS).min(month_end);
            let label = month_label(b, from);
            let (path, label) = if parts == 1 {
                (timeline_page_path(&key, None), label)
            } else {
                (
                    timeline_page_path(&key, Some(part + 1)),
                    format!("{label}, part {} of {parts}", part + 1),
                )
            };
            pages.push(TimelinePage {
                path,
                label,
                events: from..to,
            });
        }
        start = month_end;
    }
    pages
}

fn month_label(b: &Briefing, event: usize) -> String {
    let when = &b.events[event].when;
    match when.precision {
        Precision::Year => when.first_day.format("%Y").to_string(),
        _ => when.first_day.format("%B %Y").to_string(),
    }
}

/// The view of `timeline/index.html` (`current` None) or of one page of `pages`.
pub fn view(
    p: &PageData,
    pages: &[TimelinePage],
    current: Option<usize>,
    links: &Links,
) -> Result<TimelineView, super::RenderError> {
    let b = p.b;
    let events = match current {
        Some(p) => pages[p].events.clone(),
        None if pages.is_empty() => 0..b.events.len(),
        None => 0..0,
    };
    let page_link = |i: usize| PageLink {
        label: pages[i].label.clone(),
        url: links.file(&pages[i].path),
        events: pages[i].events.len(),
        current: current == Some(i),
    };
    Ok(TimelineView {
        months: months(p, events.clone(), links)?,
        filter_actors: filter_actors(b, events),
        // The axis of the whole timeline goes on its first page only: drawn on
        // every month page it would cost more than the events themselves.
        axis: if current.is_none() {
            axis(p)
        } else {
            Vec::new()
        },
        // Every page is listed on the index; a month page links to its neighbours.
        pages: if current.is_none() {
            (0..pages.len()).map(page_link).collect()
        } else {
            Vec::new()
        },
        previous: current.filter(|&p| p > 0).map(|p| page_link(p - 1)),
        next: current
            .filter(|&p| p + 1 < pages.len())
            .map(|p| page_link(p + 1)),
        index: links.timeline(),
        paginated: !pages.is_empty(),
        page_label: current.map(|p| pages[p].label.clone()),
    })
}

fn months(
    p: &PageData,
    events: Range<usize>,
    links: &Links,
) -> Result<Vec<MonthGroup>, super::RenderError> {
    let mut months: Vec<MonthGroup> = Vec::new();
    // Events come in date order, many to a date: its month and day are
    // worked out (and formatted) when the date changes, not for every event.
    let mut last: Option<When> = None;
    for i in events {
        let e = &p.b.events[i];
        if last != Some(e.when) {
            last = Some(e.when);
            let id = format!("m{}", e.when.month_key());
            if months.last().is_none_or(|m| m.id != id) {
                let label = match e.when.precision {
                    Precision::Year => e.when.first_day.format("%Y").to_string(),
                    _ => e.when.first_day.format("%B %Y").to_string(),
                };
                months.push(MonthGroup {
                    label,
                    id,
                    days: Vec::new(),
                });
            }
            let date_iso = e.when.value();
            if let Some(month) = months.last_mut()
                && month.days.last().is_none_or(|d| d.date_iso != date_iso)
            {
                month.days.push(DayGroup {
                    label: p.event_date(i).to_string(),
                    date_iso,
                    events: Vec::new(),
                });
            }
        }
        if let Some(day) = months.last_mut().and_then(|m| m.days.last_mut()) {
            day.events.push(p.event_item(i, Listing::Timeline, links)?);
        }
    }
    Ok(months)
}

/// Actors with events in `events`, most events first.
fn filter_actors(b: &Briefing, events: Range<usize>) -> Vec<FilterActor> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for e in &b.events[events] {
        for &a in &e.actors {
            *counts.entry(a).or_default() += 1;
        }
    }
    let mut actors: Vec<FilterActor> = counts
        .into_iter()
        .map(|(a, n)| FilterActor {
            id: b.actors[a].id.clone(),
            name: b.actors[a].name.clone(),
            events: n,
        })
        .collect();
    actors.sort_by(|x, y| {
        y.events
            .cmp(&x.events)
            .then(x.name.cmp(&y.name))
            .then(x.id.cmp(&y.id))
    });
    actors.truncate(FILTER_ACTORS);
    actors
}

/// The time axis: one mark per distinct date (per month when there are more
/// than [`AXIS_MARKS`] dates), placed by its first day. Drawn only: the dates
/// themselves are listed below it, where a keyboard and a screen reader reach them.
fn axis(p: &PageData) -> Vec<AxisMark> {
    let b = p.b;
    let (Some(first), Some(last)) = (b.events.first(), b.events.last()) else {
        return Vec::new();
    };
    let span = (last.when.first_day - first.when.first_day)
        .num_days()
        .max(1) as f64;
    let dates = b
        .events
        .iter()
        .map(|e| e.when)
        .collect::<std::collections::HashSet<_>>()
        .len();
    let by_month = dates > AXIS_MARKS;
    let same_mark = |a: &When, b: &When| {
        if by_month {
            a.filed_under() == b.filed_under()
        } else {
            a == b
        }
    };
    let mut marks: Vec<AxisMark> = Vec::new();
    let mut last_mark: Option<When> = None;
    for (i, e) in b.events.iter().enumerate() {
        if let Some(m) = marks.last_mut()
            && last_mark.is_some_and(|w| same_mark(&w, &e.when))
        {
            m.events += 1;
            continue;
        }
        last_mark = Some(e.when);
        let key = if by_month {
            e.when.month_key()
        } else {
            e.when.value()
        };
        let percent = ((e.when.first_day - first.when.first_day).num_days() as f64 / span * 1000.0)
            .round()
            / 10.0;
        let label = if by_month {
            month_label(b, i)
        } else {
            p.event_date(i).to_string()
        };
        marks.push(AxisMark {
            label,
            date_iso: key,
            percent,
            events: 1,
        });
    }
    marks
}
