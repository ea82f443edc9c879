//! The event loop: keys from the terminal and results of effects go through `update`; effects
//! run as tokio tasks; the screen is drawn only when something changed, after every key already
//! waiting has been handled (a scanner's burst is one redraw, not thirteen).

use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use super::effect::{Effect, Event, perform};
use super::orders::OrderEvent;
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

/// Reads the terminal on a thread of its own and stamps every event with its arrival time.
/// (Polling crossterm's `EventStream` with `now_or_never` to drain a burst registers a no-op
/// waker and stalls the loop until the next tick; a plain channel drains without that trap.)
fn spawn_input_thread() -> mpsc::UnboundedReceiver<(Instant, crossterm::event::Event)> {
    let (tx, rx) = mpsc::unbounded_channel();
    std::thread::spawn(move || {
        while let Ok(ev) = crossterm::event::read() {
            if tx.send((Instant::now(), ev)).is_err() {
                break;
            }
        }
    });
    rx
}

pub async fn run(
    terminal: &mut DefaultTerminal,
    mut app: App,
    client: KashClient,
) -> anyhow::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let runner = Runner::new(client, tx);
    let mut keys = spawn_input_thread();
    for effect in start(&mut app) {
        runner.spawn(effect);
    }
    // The open orders are refreshed in the background; the clock ticks every second.
    let mut refresh = tokio::time::interval(Duration::from_secs(app.orders.refresh_secs.max(1)));
    refresh.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut clock = tokio::time::interval(Duration::from_secs(1));
    clock.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| crate::ui::view(&app, f))?;
            dirty = false;
        }
        let mut batch: Vec<Event> = Vec::new();
        tokio::select! {
            key = keys.recv() => match key {
                Some((_, ev)) => {
                    // A resize or a focus change redraws; keys go to update.
                    dirty = true;
                    batch.extend(to_event(ev));
                }
                None => return Ok(()),
            },
            Some(result) = rx.recv() => batch.push(result),
            _ = clock.tick() => batch.push(Event::Orders(OrderEvent::Tick(
                time::OffsetDateTime::now_utc(),
            ))),
            _ = refresh.tick() => batch.push(Event::Orders(OrderEvent::RefreshDue)),
        }
        // Drain whatever else is already waiting before drawing.
        while let Ok((_, ev)) = keys.try_recv() {
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
