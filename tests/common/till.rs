//! A till driven by key events, its effects carried out against the simulator on a random
//! loopback port. Sales go through an in-memory journal and are delivered in order, as the
//! background sender does in the app.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::Duration;

use crossterm::event::KeyCode;
use kash_pos::app::screen::Screen;
use kash_pos::app::state::{App, Settings};
use kash_pos::app::{Effect, perform, start, update};
use kash_pos::app::{Event, Services};
use kash_pos::journal::Journal;
use kash_pos::journal::delivery::{SenderEvent, deliver};
use kash_pos::kash::{ApiKey, KashClient};
use kash_pos::sim::{SimHandle, Simulator};

pub struct Till {
    pub app: App,
    pub client: KashClient,
    pub services: Services,
    pub sim: Simulator,
    pub handle: SimHandle,
}

impl Till {
    /// A till on a fresh demo shop, loaded (or stopped at the load screen).
    pub async fn open_with(settings: Settings, key: &str) -> Self {
        Self::open_on(settings, key, Journal::open_in_memory().unwrap()).await
    }

    /// A till started on `journal` (what an earlier run left in it).
    pub async fn open_on(settings: Settings, key: &str, journal: Journal) -> Self {
        let sim = Simulator::demo();
        let handle = sim
            .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .unwrap();
        let client = KashClient::new(
            &handle.base_url(),
            "demo",
            ApiKey::new(key),
            Duration::from_secs(3),
        )
        .unwrap();
        let services = Services {
            client: client.clone(),
            journal,
            wake: None,
            printers: kash_pos::app::runner::Printers::default(),
            started: kash_pos::app::runner::StartGate::default(),
            held: kash_pos::app::runner::HeldLists::default(),
        };
        let mut till = Self {
            app: App::new(settings),
            client,
            services,
            sim,
            handle,
        };
        let effects = start(&mut till.app);
        till.run(effects).await;
        till
    }

    /// Uses another client from now on (a revoked key…).
    pub fn use_client(&mut self, client: KashClient) {
        self.client = client.clone();
        self.services.client = client;
    }

    /// Carries effects out until none is left, each bounded in time.
    pub async fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let event =
                tokio::time::timeout(Duration::from_secs(10), perform(&self.services, effect))
                    .await
                    .expect("the simulator answers in time");
            let recorded = match &event {
                Event::Recorded(Ok(entry)) => Some((entry.seq, entry.reference.clone())),
                Event::ParkRecorded(Ok(reference)) => self
                    .services
                    .journal
                    .entry_by_reference(reference)
                    .unwrap()
                    .map(|e| (e.seq, reference.clone())),
                _ => None,
            };
            queue.extend(update(&mut self.app, event));
            if let Some((seq, reference)) = recorded {
                let event = self.deliver(seq, reference).await;
                queue.extend(update(&mut self.app, event));
            }
        }
    }

    /// What the background sender would report after delivering entry `seq`.
    pub async fn deliver(&self, seq: i64, reference: String) -> Event {
        let outcome = tokio::time::timeout(
            Duration::from_secs(10),
            deliver(&self.services.journal, &self.client, seq),
        )
        .await
        .expect("delivery ends in time");
        let counts = self.services.journal.counts().unwrap();
        let entry = self.services.journal.entry(seq).unwrap();
        Event::Delivery(SenderEvent {
            seq,
            reference,
            outcome,
            created_at: entry.created_at,
            request: Some(Box::new(entry.request)),
            waiting: counts.waiting(),
            need_attention: counts.need_attention(),
        })
    }

    pub async fn event(&mut self, event: Event) {
        let effects = update(&mut self.app, event);
        self.run(effects).await;
    }

    pub async fn press(&mut self, code: KeyCode) {
        self.event(super::key(code)).await;
    }

    pub async fn ctrl(&mut self, c: char) {
        self.event(super::ctrl(c)).await;
    }

    pub async fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            })
            .await;
        }
    }

    pub fn mode(&self) -> &Screen {
        &self.app.screen
    }
}
