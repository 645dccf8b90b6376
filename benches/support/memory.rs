//! What this process holds, for the benches and examples that measure
//! memory: the kernel's resident set and mimalloc's own counters.
#![allow(dead_code)]

/// VmRSS of this process, KiB (0 where /proc is not there).
pub fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// mimalloc's view, bytes: (resident, committed from the system — heap,
/// its slack and its bookkeeping; SQLite allocates through glibc).
pub fn mimalloc_rss_and_commit() -> (usize, usize) {
    let (mut rss, mut commit, mut unused) = (0usize, 0usize, 0usize);
    // SAFETY: mi_process_info writes the counters through the pointers it
    // is given (null ones are skipped).
    unsafe {
        libmimalloc_sys::mi_process_info(
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut rss,
            &mut unused,
            &mut commit,
            &mut unused,
            &mut unused,
        );
    }
    (rss, commit)
}
