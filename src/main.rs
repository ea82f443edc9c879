//! The `kash-pos` command line.

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "kash-pos", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the Kash.click simulator (the demo shop) alone.
    Sim(kash_pos::sim::SimArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Sim(args)) => {
            // Before any other thread exists, so the local offset can be read (see sim::state).
            kash_pos::sim::state::local_offset();
            tokio::runtime::Runtime::new()?.block_on(kash_pos::sim::run(args))
        }
        None => {
            eprintln!("kash-pos: the point of sale is not wired in this build; try `kash-pos sim`");
            Ok(())
        }
    }
}
