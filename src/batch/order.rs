//! An ordered parallel map with bounded memory.
//!
//! Workers (rayon threads) take items from the source one at a time, in source order, and
//! process them in parallel; the calling thread hands the results to the sink in source order,
//! each as soon as it and all before it are done. A worker may take an item only while fewer
//! than `window` items are taken and not yet handed on, so at most `window` results wait in
//! memory, however long the source: a slow document holds the others back by at most the
//! window, and the source (a directory listing or standard input) is read no further ahead.

use std::collections::VecDeque;
use std::io;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Where results go, in order.
pub trait Sink<R> {
    /// The next result in source order.
    fn put(&mut self, result: R) -> io::Result<()>;
    /// Called before waiting for the next result: the moment to flush what was written.
    fn idle(&mut self) -> io::Result<()>;
}

struct State<R> {
    /// Slots taken by workers (item in hand or being read) and not yet handed on.
    taken: usize,
    /// Results from index `handed` on; `None` while still in work.
    results: VecDeque<Option<R>>,
    /// Results handed to the sink.
    handed: usize,
    /// The source is exhausted.
    exhausted: bool,
    /// The sink failed: workers stop taking items.
    stop: bool,
}

struct Shared<S, R> {
    state: Mutex<State<R>>,
    changed: Condvar,
    /// The source and the index of its next item; locked apart from `state`, so a worker
    /// blocked reading (standard input) does not hold up results.
    source: Mutex<(S, usize)>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Maps `process` over `source` on `pool`'s threads, handing results to `sink` in source
/// order. Stops early, with the error, when the sink fails.
pub fn map_ordered<S, I, R>(
    pool: &rayon::ThreadPool,
    window: usize,
    source: S,
    process: &(dyn Fn(I) -> R + Sync),
    sink: &mut dyn Sink<R>,
) -> io::Result<()>
where
    S: Iterator<Item = I> + Send,
    I: Send,
    R: Send,
{
    let window = window.max(1);
    let shared = Shared {
        state: Mutex::new(State {
            taken: 0,
            results: VecDeque::with_capacity(window),
            handed: 0,
            exhausted: false,
            stop: false,
        }),
        changed: Condvar::new(),
        source: Mutex::new((source, 0)),
    };
    let shared = &shared;
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads() {
            scope.spawn(move |_| work(shared, window, process));
        }
        // However the handing on ends, an error or a panic in the sink included, the workers
        // are told to stop: the scope waits for them, and they would wait for a free slot for
        // ever.
        let _stop = Stop(shared);
        hand_on(shared, sink)
    })
}

/// Stops the workers when dropped.
struct Stop<'a, S, R>(&'a Shared<S, R>);

impl<S, R> Drop for Stop<'_, S, R> {
    fn drop(&mut self) {
        lock(&self.0.state).stop = true;
        self.0.changed.notify_all();
    }
}

fn work<S, I, R>(shared: &Shared<S, R>, window: usize, process: &(dyn Fn(I) -> R + Sync))
where
    S: Iterator<Item = I>,
{
    loop {
        {
            let mut state = lock(&shared.state);
            while !state.stop && !state.exhausted && state.taken >= window {
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if state.stop || state.exhausted {
                return;
            }
            state.taken += 1;
        }
        let next = {
            let mut source = lock(&shared.source);
            let item = source.0.next();
            let index = source.1;
            source.1 += usize::from(item.is_some());
            item.map(|item| (index, item))
        };
        let Some((index, item)) = next else {
            let mut state = lock(&shared.state);
            state.taken -= 1;
            state.exhausted = true;
            shared.changed.notify_all();
            return;
        };
        let result = process(item);
        let mut state = lock(&shared.state);
        let slot = index - state.handed;
        if state.results.len() <= slot {
            state.results.resize_with(slot + 1, || None);
        }
        state.results[slot] = Some(result);
        shared.changed.notify_all();
    }
}

fn hand_on<S, R>(shared: &Shared<S, R>, sink: &mut dyn Sink<R>) -> io::Result<()> {
    // The slot of the result being written is freed only once it is written, so the window
    // bounds the results in memory, the one in the sink's hands included.
    let mut written = false;
    loop {
        let mut state = lock(&shared.state);
        if written {
            state.taken -= 1;
            shared.changed.notify_all();
        }
        let result = loop {
            if let Some(Some(_)) = state.results.front() {
                let result = state.results.pop_front().flatten();
                state.handed += 1;
                break result;
            }
            if state.exhausted && state.taken == 0 {
                return Ok(());
            }
            drop(state);
            sink.idle()?;
            state = lock(&shared.state);
            if matches!(state.results.front(), Some(Some(_)))
                || (state.exhausted && state.taken == 0)
            {
                continue;
            }
            state = shared
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        };
        drop(state);
        if let Some(result) = result {
            sink.put(result)?;
        }
        written = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    struct Collect {
        got: Vec<usize>,
        idles: usize,
        fail_after: Option<usize>,
    }

    impl Sink<usize> for Collect {
        fn put(&mut self, result: usize) -> io::Result<()> {
            if self.fail_after == Some(self.got.len()) {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
            }
            self.got.push(result);
            Ok(())
        }
        fn idle(&mut self) -> io::Result<()> {
            self.idles += 1;
            Ok(())
        }
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    fn sink() -> Collect {
        Collect {
            got: Vec::new(),
            idles: 0,
            fail_after: None,
        }
    }

    #[test]
    fn results_come_in_source_order_whatever_the_finishing_order() {
        for threads in [1, 2, 4] {
            let mut out = sink();
            // Early items are slow, so later ones finish first.
            let slow = |i: usize| {
                std::thread::sleep(Duration::from_micros(((50 - i % 50) * 20) as u64));
                i * 10
            };
            map_ordered(&pool(threads), 8, 0..200, &slow, &mut out).unwrap();
            assert_eq!(out.got, (0..200).map(|i| i * 10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn an_empty_source_gives_nothing() {
        let mut out = sink();
        map_ordered(&pool(2), 4, 0..0, &|i: usize| i, &mut out).unwrap();
        assert!(out.got.is_empty());
    }

    #[test]
    fn no_more_than_the_window_is_in_hand() {
        let in_hand = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        // Counts items read from the source and not yet handed on.
        struct Watch<'a> {
            in_hand: &'a AtomicUsize,
            got: usize,
        }
        impl Sink<usize> for Watch<'_> {
            fn put(&mut self, _: usize) -> io::Result<()> {
                self.in_hand.fetch_sub(1, Ordering::SeqCst);
                self.got += 1;
                std::thread::sleep(Duration::from_micros(200));
                Ok(())
            }
            fn idle(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let source = (0..300).inspect(|_| {
            let now = in_hand.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
        });
        let mut out = Watch {
            in_hand: &in_hand,
            got: 0,
        };
        map_ordered(&pool(3), 5, source, &|i: usize| i, &mut out).unwrap();
        assert_eq!(out.got, 300);
        assert!(most.load(Ordering::SeqCst) <= 5, "{most:?}");
    }

    #[test]
    fn a_failing_sink_stops_the_run_with_its_error() {
        let mut out = sink();
        out.fail_after = Some(3);
        let read = AtomicUsize::new(0);
        let source = (0..100_000).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let err = map_ordered(&pool(2), 4, source, &|i: usize| i, &mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(out.got, [0, 1, 2]);
        assert!(read.load(Ordering::SeqCst) < 20);
    }

    #[test]
    fn a_panicking_sink_ends_the_run_instead_of_hanging() {
        struct Panics;
        impl Sink<usize> for Panics {
            fn put(&mut self, result: usize) -> io::Result<()> {
                assert!(result < 40, "the sink fails at 40");
                Ok(())
            }
            fn idle(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        // Without the stop on unwinding, the workers wait for a free slot for ever and the
        // scope waits for them: this test would never end.
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            map_ordered(&pool(2), 4, 0..1000, &|i: usize| i, &mut Panics)
        }));
        assert!(caught.is_err());
    }
}
