//! The printer's own thread and its queue: the counter hands a job over and goes on; the thread
//! sends it (raw TCP, port 9100, or a device file), keeps it when the printer is off, unplugged
//! or out of paper, says so, and tries again until it prints or the cashier drops it.

use std::collections::VecDeque;
use std::io::{Read as _, Write as _};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// Where a printer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `tcp://HOST:PORT`, a raw network printer (port 9100 by default).
    Tcp(String),
    /// `file:/dev/usb/lp0`, a device (the file must exist: nothing is created).
    File(PathBuf),
}

impl Target {
    /// Reads `tcp://HOST[:PORT]` or `file:PATH`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if let Some(rest) = t.strip_prefix("tcp://") {
            let rest = rest.trim_end_matches('/');
            if rest.is_empty() {
                return Err(format!("`{t}` names no host"));
            }
            let has_port = rest
                .rsplit_once(':')
                .is_some_and(|(_, p)| p.parse::<u16>().is_ok());
            return Ok(Self::Tcp(if has_port {
                rest.to_string()
            } else {
                format!("{rest}:9100")
            }));
        }
        if let Some(rest) = t.strip_prefix("file:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(format!("`{t}` names no file"));
            }
            return Ok(Self::File(PathBuf::from(path)));
        }
        Err(format!("`{t}`: write tcp://HOST:9100 or file:/dev/usb/lp0"))
    }

    pub fn label(&self) -> String {
        match self {
            Self::Tcp(a) => format!("tcp://{a}"),
            Self::File(p) => format!("file:{}", p.display()),
        }
    }
}

/// How long a printer may take.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub connect: Duration,
    pub write: Duration,
    /// After the last byte, how long to wait for the printer to close or refuse.
    pub linger: Duration,
    /// Between attempts while a job waits.
    pub retry: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(3),
            write: Duration::from_secs(10),
            linger: Duration::from_millis(500),
            retry: Duration::from_secs(10),
        }
    }
}

/// Sends one job's bytes, whole, or says why not.
pub fn send(target: &Target, bytes: &[u8], timing: &Timing) -> Result<(), String> {
    match target {
        Target::Tcp(addr) => {
            let addrs: Vec<_> = addr
                .to_socket_addrs()
                .map_err(|e| format!("{addr}: {e}"))?
                .collect();
            let first = addrs.first().ok_or_else(|| format!("{addr}: no address"))?;
            let mut stream =
                TcpStream::connect_timeout(first, timing.connect).map_err(|e| e.to_string())?;
            stream
                .set_write_timeout(Some(timing.write))
                .map_err(|e| e.to_string())?;
            stream.set_nodelay(true).map_err(|e| e.to_string())?;
            // In small pieces, as the printer's buffer takes them: a printer that closes halfway
            // is seen as a reset on a later piece.
            for chunk in bytes.chunks(256) {
                stream.write_all(chunk).map_err(|e| e.to_string())?;
            }
            stream.flush().map_err(|e| e.to_string())?;
            stream
                .shutdown(Shutdown::Write)
                .map_err(|e| e.to_string())?;
            stream
                .set_read_timeout(Some(timing.linger))
                .map_err(|e| e.to_string())?;
            let mut buf = [0u8; 64];
            loop {
                match stream.read(&mut buf) {
                    // Closed after the last byte, or still open: the printer has it all.
                    Ok(0) => return Ok(()),
                    Ok(_) => {}
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                        ) =>
                    {
                        return Ok(());
                    }
                    Err(e) => return Err(e.to_string()),
                }
            }
        }
        Target::File(path) => {
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(path)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            file.write_all(bytes)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            file.flush().map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}

/// One document for the printer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// What it is, for the status line ("receipt 1234", "kitchen ticket").
    pub label: String,
    pub bytes: Vec<u8>,
}

/// What the printer thread says after each attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpoolStatus {
    /// Which printer ("receipt", "kitchen").
    pub printer: String,
    /// Jobs still waiting.
    pub waiting: usize,
    /// Why the first one did not print, when it did not.
    pub error: Option<String>,
    /// The label of the job just printed.
    pub printed: Option<String>,
    /// Jobs dropped by the cashier just now.
    pub dropped: usize,
}

enum Command {
    Print(Job),
    /// Sent once, now, never queued (the drawer's kick: a drawer that opens minutes later,
    /// when the printer is back, would open for nobody).
    Once(Job),
    Retry,
    Drop,
}

/// The handle of a printer thread. Dropping it ends the thread after the job in hand.
#[derive(Debug, Clone)]
pub struct Spooler {
    tx: mpsc::Sender<Command>,
}

impl Spooler {
    /// Starts the thread of printer `name` at `target`; `report` hears every attempt.
    pub fn spawn(
        name: &str,
        target: Target,
        timing: Timing,
        report: impl Fn(SpoolStatus) + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel::<Command>();
        let name = name.to_string();
        std::thread::Builder::new()
            .name(format!("printer-{name}"))
            .spawn(move || run(&name, &target, &timing, &rx, &report))
            .map_or_else(
                |e| tracing::error!(error = %e, "the printer thread could not start"),
                |_| (),
            );
        Self { tx }
    }

    /// Queues a job; never waits.
    pub fn print(&self, job: Job) {
        if self.tx.send(Command::Print(job)).is_err() {
            tracing::error!("the printer thread has stopped");
        }
    }

    /// Sends `job` once, ahead of the queue, and never keeps it.
    pub fn kick(&self, job: Job) {
        if self.tx.send(Command::Once(job)).is_err() {
            tracing::error!("the printer thread has stopped");
        }
    }

    /// Tries the waiting jobs now.
    pub fn retry(&self) {
        let _ = self.tx.send(Command::Retry);
    }

    /// Drops every waiting job (the cashier's choice: the printer will not come back).
    pub fn drop_waiting(&self) {
        let _ = self.tx.send(Command::Drop);
    }
}

fn run(
    name: &str,
    target: &Target,
    timing: &Timing,
    rx: &mpsc::Receiver<Command>,
    report: &dyn Fn(SpoolStatus),
) {
    let mut queue: VecDeque<Job> = VecDeque::new();
    let mut failing = false;
    let status = |queue: &VecDeque<Job>,
                  error: Option<String>,
                  printed: Option<String>,
                  dropped| SpoolStatus {
        printer: name.to_string(),
        waiting: queue.len(),
        error,
        printed,
        dropped,
    };
    let once = |job: &Job, waiting: usize| match send(target, &job.bytes, timing) {
        Ok(()) => report(SpoolStatus {
            printer: name.to_string(),
            waiting,
            error: None,
            printed: Some(job.label.clone()),
            dropped: 0,
        }),
        Err(e) => {
            tracing::warn!(printer = name, job = %job.label, error = %e, "not sent");
            report(SpoolStatus {
                printer: name.to_string(),
                waiting,
                error: Some(e),
                printed: None,
                dropped: 0,
            });
        }
    };
    loop {
        let command = if failing && !queue.is_empty() {
            match rx.recv_timeout(timing.retry) {
                Ok(c) => Some(c),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(c) => Some(c),
                Err(_) => return,
            }
        };
        match command {
            Some(Command::Print(job)) => queue.push_back(job),
            Some(Command::Once(job)) => once(&job, queue.len()),
            Some(Command::Retry) | None => {}
            Some(Command::Drop) => {
                let dropped = queue.len();
                queue.clear();
                failing = false;
                tracing::warn!(printer = name, dropped, "print jobs dropped by the cashier");
                report(status(&queue, None, None, dropped));
                continue;
            }
        }
        // Whatever else came meanwhile joins the queue first, in order.
        while let Ok(c) = rx.try_recv() {
            match c {
                Command::Print(job) => queue.push_back(job),
                Command::Once(job) => once(&job, queue.len()),
                Command::Retry => {}
                Command::Drop => queue.clear(),
            }
        }
        while let Some(job) = queue.front() {
            match send(target, &job.bytes, timing) {
                Ok(()) => {
                    failing = false;
                    let printed = queue.pop_front().map(|j| j.label);
                    tracing::info!(printer = name, job = ?printed, "printed");
                    report(status(&queue, None, printed, 0));
                }
                Err(e) => {
                    failing = true;
                    tracing::warn!(printer = name, target = %target.label(), error = %e, "printer unavailable: the job waits");
                    report(status(&queue, Some(e), None, 0));
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_as_documented() {
        assert_eq!(
            Target::parse("tcp://10.0.0.9:9100"),
            Ok(Target::Tcp("10.0.0.9:9100".into()))
        );
        assert_eq!(
            Target::parse("tcp://printer"),
            Ok(Target::Tcp("printer:9100".into()))
        );
        assert_eq!(
            Target::parse("file:/dev/usb/lp0"),
            Ok(Target::File("/dev/usb/lp0".into()))
        );
        assert!(Target::parse("lpt1").is_err());
        assert!(Target::parse("tcp://").is_err());
    }
}
