//! The list's memory at load, alone (the `tui_list` bench's memory line
//! without its keystrokes): opens a database the bench made, loads the
//! whole list and the name index as the app does, and prints the RSS
//! growth and the heap by part.
//!
//! `cargo run --release --example list_memory target/tmp/tui-list-1000000.db`

use kehu::domain::Lang;
use kehu::store::Store;
use kehu::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../benches/support/memory.rs"]
mod memory;
use memory::{mimalloc_rss_and_commit, rss_kib};

/// The allocator the `kehu` binary uses (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    kehu::store::configure_sqlite();
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: list_memory DB");
        std::process::exit(2);
    };
    let before = rss_kib();
    let commit_before = mimalloc_rss_and_commit().1;
    let store = Store::open(std::path::Path::new(&path)).expect("open");
    let mut app = App::new(store, Options::new(Lang::Zh)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| app.render(f)).expect("draw");
    app.wait_until_loaded();
    terminal.draw(|f| app.render(f)).expect("draw");
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    let list = app.ctx().customers.index.heap_bytes();
    let names = app.store().similar_index_heap_bytes();
    println!(
        "RSS growth {:.1} MiB; heap: list {:.1}, name index {:.1}, both {:.1} MiB",
        (rss_kib() - before) as f64 / 1024.0,
        mib(list),
        mib(names),
        mib(list + names)
    );
    println!(
        "  mimalloc committed {:.1} MiB more",
        mib(mimalloc_rss_and_commit().1.saturating_sub(commit_before))
    );
    if std::env::var_os("KEHU_MI_STATS").is_some() {
        // SAFETY: prints mimalloc's statistics through its default output.
        unsafe { libmimalloc_sys::mi_stats_print(std::ptr::null_mut()) };
    }
    for (title, parts) in [
        ("list", app.ctx().customers.index.heap_parts()),
        ("name index", app.store().similar_index_heap_parts()),
    ] {
        let cells: Vec<String> = parts
            .iter()
            .map(|(name, bytes)| format!("{name} {:.1}", mib(*bytes)))
            .collect();
        println!("  {title}: {} MiB", cells.join(", "));
    }
}
