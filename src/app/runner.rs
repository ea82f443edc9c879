//! The event loop: keys from the terminal and results of effects go through `update`; effects
//! run as tokio tasks; the screen is drawn only when something changed, after every key already
//! waiting has been handled (a scanner's burst is one redraw, not thirteen).

use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use super::effect::{Effect, Event, perform};
use super::state::App;
use super::update::{start, update};
use crate::kash::KashClient;
use crate::pos::scanner::{Input, ScanDetector, ScannerConfig};

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
    scanner: &ScannerConfig,
) -> anyhow::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let runner = Runner::new(client, tx);
    let mut keys = spawn_input_thread();
    // Keys go through the scanner's burst detector with their arrival times: a scan comes out
    // whole, and nothing is drawn while a burst is being held.
    let mut detector = ScanDetector::new(scanner);
    for effect in start(&mut app) {
        runner.spawn(effect);
    }
    let mut dirty = true;
    loop {
        if dirty && !detector.is_holding() {
            terminal.draw(|f| crate::ui::view(&app, f))?;
            dirty = false;
        }
        let wake = detector.deadline().map_or_else(
            || tokio::time::Instant::now() + Duration::from_secs(1),
            tokio::time::Instant::from_std,
        );
        let mut inputs: Vec<Input> = Vec::new();
        let mut batch: Vec<Event> = Vec::new();
        tokio::select! {
            key = keys.recv() => match key {
                Some((at, ev)) => {
                    dirty = true;
                    if let crossterm::event::Event::Key(k) = ev {
                        inputs.extend(detector.push(k, at));
                    }
                }
                None => return Ok(()),
            },
            Some(result) = rx.recv() => batch.push(result),
            () = tokio::time::sleep_until(wake) => inputs.extend(detector.flush(Instant::now())),
        }
        // Drain whatever else is already waiting before drawing.
        while let Ok((at, ev)) = keys.try_recv() {
            if let crossterm::event::Event::Key(k) = ev {
                inputs.extend(detector.push(k, at));
            }
        }
        while let Ok(result) = rx.try_recv() {
            batch.push(result);
        }
        let events = inputs.into_iter().map(|input| match input {
            Input::Key(k) => Event::Key(k),
            Input::Scan(code) => Event::Scan(code),
        });
        for event in events.chain(batch) {
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
