//! Memory settings of the `termsmith` process (Linux with glibc only; elsewhere the system allocator
//! is used as it is).
//!
//! glibc's malloc stays the allocator: [`HugePageHeap`] forwards every call to it and only asks the
//! kernel for transparent huge pages on the memory that the heap grows into, and [`configure`] sets a
//! few `mallopt` parameters at start.
//!
//! The settings and the advice apply with one worker thread and with several; with several, the
//! process keeps two arenas (one made the threads wait for each other) and also advises the
//! second arena's heaps.
//!
//! Measured against the previous build (two arenas, glibc defaults otherwise), same outputs, runs
//! interleaved (`/usr/bin/time`, medians):
//! * ACTER fr (285 files, 8.4 MB), `taskset -c 1` (one worker thread), 7 runs: minor page faults
//!   82,300 -> 7,400; peak RSS 253 -> 223 MB; CPU 2.98 -> 2.69 s (best runs 2.23 -> 1.97 s; with
//!   this build's other changes, 3.6% fewer instructions). The helper that wrote this measured
//!   paired ratios of 0.84-0.91 on a loaded machine.
//! * 100 MB (12 copies), `taskset -c 1`: CPU 23.0 -> 18.3 s, peak RSS 719 -> 535 MB.
//! * Two worker threads, one arena with huge pages: on an idle machine CPU 3.33 -> 3.94 s (sys
//!   0.36 -> 0.73 s, lock waits). Two arenas, the same thresholds and the advice on both arenas'
//!   heaps (session 11, ACTER fr, `taskset -c 0,1`, 5 runs interleaved on a machine loaded 6-13
//!   on 2 cores, so CPU times are only indicative): minor page faults 86,000 -> 3,300-19,000
//!   (median 4,100); CPU (user + sys) 5.43 -> 4.40 s; peak RSS 245 -> 287 MB (250-306: partly
//!   used 2 MiB pages).
//! * Instructions (callgrind, one thread) unchanged: 5.594 G -> 5.606 G.
//!
//! A pure-Rust allocator was tried instead: rlsf's `GlobalTlsf` (one global lock, never returns
//! memory) cost as much CPU on one core and more on two (3.80 against 3.29 s), with a 314 MB peak.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Allocations of at least this size are mapped on their own by glibc (`M_MMAP_THRESHOLD`; 32 MiB
/// is the largest value glibc accepts on 64-bit targets). Below it, everything comes from the one
/// `brk` heap, whose growth [`HugePageHeap`] advises.
const MMAP_THRESHOLD: usize = 32 << 20;

/// How far glibc extends the `brk` heap past each request (`M_TOP_PAD`). Large steps mean few `brk`
/// calls and few places where a huge page is lost: the 2 MiB region at the old end of the heap has
/// already been touched with small pages before it is advised.
const TOP_PAD: usize = 64 << 20;

/// Sets glibc's malloc parameters. Must be called before any other thread exists.
///
/// * At most two arenas with several worker threads (`M_ARENA_MAX` 2: with one per thread, memory
///   freed in each stayed there, up to a third of the peak on `termsmith compare` of 400 MB; with
///   one, the threads wait for each other: on two cores CPU 3.33 -> 3.94 s, sys 0.36 -> 0.73 s),
///   one with one worker thread: freed memory is reused by every thread instead of staying in the
///   arena of the thread that freed it, and all small allocations come from the `brk` heap.
/// * No trimming (`M_TRIM_THRESHOLD` at its maximum) and a fixed mmap threshold of 32 MiB: the heap
///   keeps its pages for the next phase instead of returning them and faulting them in again, and
///   vectors up to 32 MiB do not go through `mmap`/`munmap` on every growth.
/// * `M_TOP_PAD`: see [`TOP_PAD`].
///
/// With several worker threads, the second arena's heaps (glibc maps them on their own, aligned on
/// their maximum size, [`ARENA_HEAP`]) are advised as well, see [`HugePageHeap`].
pub fn configure() {
    let threads = worker_threads();
    if threads > 1 {
        ADVISE_ARENA_HEAPS.store(ARENA_HEAP != 0, Ordering::Relaxed);
    }
    let _ = MAIN_THREAD.try_with(|m| m.set(true));
    // SAFETY: mallopt only changes allocator settings; it is called before any thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, if threads > 1 { 2 } else { 1 });
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD as libc::c_int);
        libc::mallopt(libc::M_TRIM_THRESHOLD, libc::c_int::MAX);
        libc::mallopt(libc::M_TOP_PAD, TOP_PAD as libc::c_int);
    }
}

/// The number of worker threads rayon's global pool will have: `RAYON_NUM_THREADS` when it is a
/// positive number, else the CPUs this process may run on.
fn worker_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The global allocator: glibc's malloc, plus `madvise(MADV_HUGEPAGE)` on the memory the heap grows
/// into, on the heaps of the second arena, and on the large allocations glibc maps on their own.
///
/// Transparent huge pages are usually enabled in `madvise` mode: the kernel backs a region with
/// 2 MiB pages only when it was advised. glibc advises its heap only when `GLIBC_TUNABLES` says so,
/// which a program cannot set for itself, so this wrapper does it: after each allocation it checks
/// whether the block ends past the part of the heap already advised, and if so advises the heap up
/// to its current end (`sbrk(0)`), which happens once per heap extension ([`TOP_PAD`]). With
/// several worker threads, a small block outside the `brk` heap, allocated on a thread other than
/// the main one, lies in a heap of the second arena: glibc maps those on their own, [`ARENA_HEAP`]
/// bytes aligned on their size, so the wrapper advises the whole heap (its part not yet usable
/// too: the advice stays when glibc makes it usable), once per heap ([`ARENA_HEAPS`]; the heap
/// of the thread's last block is remembered per thread, so that the common case is one compare).
/// The advice is only a hint: when huge pages are disabled, or the call fails, nothing changes.
pub struct HugePageHeap;

/// End of the part of the `brk` heap already advised (0: none yet).
static ADVISED_END: AtomicUsize = AtomicUsize::new(0);

/// Whether the heaps of the second arena are advised (several worker threads, 64-bit target).
static ADVISE_ARENA_HEAPS: AtomicBool = AtomicBool::new(false);

/// Size and alignment of the heaps glibc maps for the arenas other than the main one
/// (`HEAP_MAX_SIZE`, twice the largest mmap threshold: 64 MiB on 64-bit targets); 0 where that is
/// not known (then these heaps are not advised).
#[cfg(target_pointer_width = "64")]
const ARENA_HEAP: usize = 64 << 20;
#[cfg(not(target_pointer_width = "64"))]
const ARENA_HEAP: usize = 0;

/// Bases of the arena heaps already advised (0: free slot). More heaps than slots are advised
/// again each time a thread's last block moves to one of them (a system call, no harm).
static ARENA_HEAPS: [AtomicUsize; 16] = [const { AtomicUsize::new(0) }; 16];

thread_local! {
    /// The arena heap (its base) of this thread's last small block outside the `brk` heap, which
    /// is advised.
    static LAST_HEAP: Cell<usize> = const { Cell::new(usize::MAX) };
    /// Whether this is the main thread (set by [`configure`]): its arena is the `brk` heap.
    static MAIN_THREAD: Cell<bool> = const { Cell::new(false) };
}

const PAGE: usize = 4096;

/// Blocks outside the brk heap smaller than this are not advised (see [`HugePageHeap::advise`]).
const SMALL: usize = 1 << 20;

impl HugePageHeap {
    #[inline]
    fn after_alloc(ptr: *mut u8, size: usize) {
        let start = ptr as usize;
        let end = start.wrapping_add(size);
        if ptr.is_null() || end <= ADVISED_END.load(Ordering::Relaxed) {
            return;
        }
        // ARENA_HEAP is a power of two (or 0: then the mask is 0, never a base: LAST_HEAP is a
        // base or usize::MAX).
        let mask = !ARENA_HEAP.wrapping_sub(1);
        // A block in the arena heap of this thread's last block (advised): a heap fills its
        // aligned region, so no block mapped on its own lies there.
        if start & mask == LAST_HEAP.try_with(Cell::get).unwrap_or(usize::MAX) {
            return;
        }
        Self::advise(start, end);
    }

    #[cold]
    #[inline(never)]
    fn advise(start: usize, end: usize) {
        // SAFETY: sbrk(0) only reads the current program break (glibc's cached copy of it).
        let brk = unsafe { libc::sbrk(0) } as usize;
        if end > brk {
            // Not in the brk heap: a block that glibc mapped on its own (requests of about
            // MMAP_THRESHOLD and more, which stay mapped when they shrink). Advise it when large.
            if end - start >= SMALL {
                let from = (start + PAGE - 1) & !(PAGE - 1);
                let to = end & !(PAGE - 1);
                // SAFETY: the range lies inside a block that malloc just returned, so it is mapped;
                // MADV_HUGEPAGE changes no contents.
                unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) };
                return;
            }
            // A small block: in a heap of the second arena when on another thread than the main
            // one with several worker threads.
            if ADVISE_ARENA_HEAPS.load(Ordering::Relaxed)
                && !MAIN_THREAD.try_with(Cell::get).unwrap_or(true)
            {
                Self::advise_arena_heap(start & !ARENA_HEAP.wrapping_sub(1));
                return;
            }
            // Else the heap is not one brk region (glibc falls back to mmap when brk fails, as
            // under valgrind): stop advising, rather than come back here on every allocation.
            ADVISED_END.store(usize::MAX, Ordering::Relaxed);
            return;
        }
        let old = ADVISED_END.load(Ordering::Relaxed);
        let from = (if old == 0 || old > brk { start } else { old }) & !(PAGE - 1);
        if brk > from {
            // SAFETY: [from, brk) lies inside the brk heap, which is mapped up to `brk`; MADV_HUGEPAGE
            // changes no contents.
            unsafe { libc::madvise(from as *mut libc::c_void, brk - from, libc::MADV_HUGEPAGE) };
        }
        ADVISED_END.fetch_max(brk, Ordering::Relaxed);
    }

    /// Advises the arena heap at `base` unless done already, and remembers it as this thread's.
    fn advise_arena_heap(base: usize) {
        let _ = LAST_HEAP.try_with(|h| h.set(base));
        if ARENA_HEAPS
            .iter()
            .any(|b| b.load(Ordering::Relaxed) == base)
        {
            return;
        }
        // SAFETY: glibc maps an arena heap as one region of ARENA_HEAP bytes at `base` (the part
        // not yet in use without access rights), so the range is mapped; MADV_HUGEPAGE changes no
        // contents. Were it not a heap (glibc changed), the call would only advise or fail.
        unsafe { libc::madvise(base as *mut libc::c_void, ARENA_HEAP, libc::MADV_HUGEPAGE) };
        if let Some(slot) = ARENA_HEAPS.iter().find(|b| b.load(Ordering::Relaxed) == 0) {
            // A race with another thread at most advises a heap twice.
            let _ = slot.compare_exchange(0, base, Ordering::Relaxed, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is forwarded to the system allocator unchanged; the wrapper only adds advice.
unsafe impl GlobalAlloc for HugePageHeap {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is forwarded unchanged.
        let p = unsafe { System.alloc(layout) };
        Self::after_alloc(p, layout.size());
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is forwarded unchanged.
        let p = unsafe { System.alloc_zeroed(layout) };
        Self::after_alloc(p, layout.size());
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is forwarded unchanged.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        Self::after_alloc(p, new_size);
        p
    }
}
