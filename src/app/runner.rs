//! The event loop: keys from the terminal and results of effects go through `update`; effects
//! run as tokio tasks; the screen is drawn only when something changed, after every key already
//! waiting has been handled (a scanner's burst is one redraw, not thirteen).

use std::time::Duration;

use futures::{FutureExt, StreamExt};
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use super::effect::{Effect, Event, perform};
use super::state::App;
use super::update::{start, update};
use crate::kash::KashClient;

/// Carries effects out on tokio; results come back on the channel.
#[derive(Clone)]
pub struct Runner {
    client: KashClient,
    tx: mpsc::UnboundedSender<Event>,
}

impl Runner {
    pub fn new(client: KashClient, tx: mpsc::UnboundedSender<Event>) -> Self {
        Self { client, tx }
    }

    pub fn spawn(&self, effect: Effect) {
        let client = self.client.clone();
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let event = perform(&client, effect).await;
            // The receiver is gone only when the app is quitting.
            let _ = tx.send(event);
        });
    }
}

fn to_event(ev: crossterm::event::Event) -> Option<Event> {
    match ev {
        crossterm::event::Event::Key(k) => Some(Event::Key(k)),
        _ => None,
    }
}

pub async fn run(
    terminal: &mut DefaultTerminal,
    mut app: App,
    client: KashClient,
) -> anyhow::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let runner = Runner::new(client, tx);
    let mut keys = crossterm::event::EventStream::new();
    for effect in start(&mut app) {
        runner.spawn(effect);
    }
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| crate::ui::view(&app, f))?;
            dirty = false;
        }
        let first = tokio::select! {
            key = keys.next() => match key {
                Some(Ok(ev)) => {
                    // A resize or a focus change redraws; keys go to update.
                    dirty = true;
                    to_event(ev)
                }
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            Some(result) = rx.recv() => Some(result),
            () = tokio::time::sleep(Duration::from_secs(1)) => None,
        };
        let mut batch: Vec<Event> = first.into_iter().collect();
        // Drain whatever else is already waiting before drawing.
        while let Some(Some(Ok(ev))) = keys.next().now_or_never() {
            batch.extend(to_event(ev));
        }
        while let Ok(result) = rx.try_recv() {
            batch.push(result);
        }
        for event in batch {
            dirty = true;
            for effect in update(&mut app, event) {
                runner.spawn(effect);
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}
