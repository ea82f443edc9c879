//! The event loop: keys from the terminal and results of effects go through `update`; effects
//! run as tokio tasks; the screen is drawn only when something changed, after every key already
//! waiting has been handled (a scanner's burst is one redraw, not thirteen).

use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use std::sync::Arc;

use super::effect::{Effect, Event, Services, perform};
use super::orders::OrderEvent;
use super::state::App;
use super::state::Mode;
use super::update::{start, update};
use crate::journal::Journal;
use crate::journal::delivery::Sender;
use crate::kash::KashClient;
use crate::pos::scanner::{Input, ScanDetector, ScannerConfig};

/// Carries effects out on tokio; results come back on the channel.
#[derive(Clone)]
pub struct Runner {
    services: Services,
    tx: mpsc::UnboundedSender<Event>,
}

impl Runner {
    pub fn new(services: Services, tx: mpsc::UnboundedSender<Event>) -> Self {
        Self { services, tx }
    }

    pub fn spawn(&self, effect: Effect) {
        let services = self.services.clone();
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let event = perform(&services, effect).await;
            // The receiver is gone only when the app is quitting.
            let _ = tx.send(event);
        });
    }
}

/// Saves the basket in progress whenever it changes, so a crash or a power cut loses nothing;
/// never while a sale is being sent (the journal then holds it, and it must not come back as a
/// basket too).
struct BasketSaver {
    journal: Journal,
    last: String,
}

impl BasketSaver {
    fn after(&mut self, app: &App) {
        if matches!(app.mode, Mode::Loading | Mode::Submitting(_)) {
            // Whatever the journal holds now, the next change is written.
            self.last.clear();
            return;
        }
        let json = if app.basket.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&app.basket).unwrap_or_default()
        };
        if json == self.last {
            return;
        }
        self.last.clone_from(&json);
        let journal = self.journal.clone();
        tokio::task::spawn_blocking(move || {
            let result = if json.is_empty() {
                journal.clear_basket()
            } else {
                journal.save_basket(&json)
            };
            if let Err(e) = result {
                tracing::error!(error = %e, "could not save the basket");
            }
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
    journal: Journal,
    scanner: &ScannerConfig,
) -> anyhow::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    // The journal's sender delivers recorded sales in order, in the background; what it does
    // comes back to `update` as events.
    let (sender, mut deliveries) = Sender::spawn(journal.clone(), client.clone());
    let sender = Arc::new(sender);
    let wake_sender = Arc::clone(&sender);
    let services = Services {
        client,
        journal: journal.clone(),
        wake: Some(Arc::new(move || wake_sender.notify())),
    };
    let runner = Runner::new(services, tx.clone());
    tokio::spawn(async move {
        while let Some(event) = deliveries.recv().await {
            if tx.send(Event::Delivery(event)).is_err() {
                break;
            }
        }
    });
    let mut saver = BasketSaver {
        journal,
        last: String::new(),
    };
    let mut keys = spawn_input_thread();
    // Keys go through the scanner's burst detector with their arrival times: a scan comes out
    // whole, and nothing is drawn while a burst is being held.
    let mut detector = ScanDetector::new(scanner);
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
            _ = clock.tick() => batch.push(Event::Orders(OrderEvent::Tick(
                time::OffsetDateTime::now_utc(),
            ))),
            _ = refresh.tick() => batch.push(Event::Orders(OrderEvent::RefreshDue)),
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
        saver.after(&app);
        if app.quit {
            drop(runner);
            if let Ok(sender) = Arc::try_unwrap(sender) {
                // Bounded by the client's timeout: an attempt in flight finishes or is abandoned
                // safely (the journal marked it before it left).
                sender.shutdown().await;
            }
            return Ok(());
        }
    }
}
