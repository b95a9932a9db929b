//! The items pages list (events, quotes, articles, actor links), each made
//! from its view by the default template compiled into Rust ([`super::compiled`])
//! or, when the site has its own template, through Tera.

use super::RenderError;
use super::links::Links;
use super::page_data::{Listing, PageData, QuotePlace, Rendered};
use super::views::{ActorItem, ActorLink, ArticleLink, EventView, QuoteView};

impl<'a> PageData<'a> {
    /// Event `event` as listed on a page whose links start at `links`: through
    /// the compiled twin of the default partial unless the site has its own.
    pub fn event_item(
        &self,
        event: usize,
        listing: Listing,
        links: &'a Links,
    ) -> Result<Rendered, RenderError> {
        let view = EventView::new(self, event, listing, links);
        if self.theme().twins.event {
            // Room for the markup, the sentence and each link, so the item is
            // written without growing its buffer.
            let links = 1 + view.also.len() + view.actors.len();
            let mut html = String::with_capacity(200 + view.text.len() * 9 / 8 + 160 * links);
            super::compiled::event(&view, &mut html);
            return Ok(Rendered { html });
        }
        let html = self
            .theme()
            .render_fragment("partials/event.html", "e", &view)?;
        Ok(Rendered { html })
    }

    /// Quote `quote` as listed on a page whose links start at `links`, by the
    /// compiled twin of the default partial unless the site has its own.
    pub fn quote_item(
        &self,
        quote: usize,
        place: QuotePlace,
        links: &'a Links,
    ) -> Result<Rendered, RenderError> {
        let view = QuoteView::new(self, &self.b.quotes[quote], links);
        if self.theme().twins.quote {
            let mut html = String::with_capacity(400 + view.text.len() * 9 / 8);
            super::compiled::quote(
                &view,
                place.hides_speaker(),
                place.hides_article(),
                &mut html,
            );
            return Ok(Rendered { html });
        }
        let mut ctx = tera::Context::new();
        ctx.insert("q", &view);
        if place.hides_speaker() {
            ctx.insert("hide_speaker", &true);
        }
        if place.hides_article() {
            ctx.insert("hide_article", &true);
        }
        let html = self.theme().render_context("partials/quote.html", &ctx)?;
        Ok(Rendered { html })
    }

    /// Actor `actor` as listed on a page whose links start at `links`, its link
    /// by the compiled twin of the default partial unless the site has its own.
    pub fn actor_item(&self, actor: usize, links: &'a Links) -> Result<ActorItem<'a>, RenderError> {
        let link = ActorLink::new(self, actor, links);
        let html = if self.theme().twins.actor_link {
            let mut html = String::with_capacity(160);
            super::compiled::actor_link(&link, &mut html);
            html
        } else {
            self.theme()
                .render_fragment("partials/actor_link.html", "a", &link)?
        };
        Ok(ActorItem { html, link })
    }

    /// Article `article` as listed on a page whose links start at `links`, by
    /// the compiled twin of the default partial unless the site has its own.
    pub fn article_item(&self, article: usize, links: &'a Links) -> Result<Rendered, RenderError> {
        let view = ArticleLink::new(self, article, None, links);
        if self.theme().twins.article_item {
            let mut html = String::with_capacity(320);
            super::compiled::article_item(&view, &mut html);
            return Ok(Rendered { html });
        }
        let html = self
            .theme()
            .render_fragment("partials/article_item.html", "a", &view)?;
        Ok(Rendered { html })
    }
}
