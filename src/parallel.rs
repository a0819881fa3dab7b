//! The one pool for CPU work: a `rayon` pool built once, with at most 8
//! threads and stacks large enough for `syn` on deeply nested (generated)
//! files. Parsing runs only on these threads, so a hostile file can exhaust
//! neither the caller's stack nor a small default one; the nesting guards
//! and `catch_unwind` of the scanners bound the rest.
//!
//! Work that waits rather than computes (requests to the Hub) does not
//! take these threads: [`bounded`] runs it on threads of its own, as many
//! as the caller allows (`[hub] concurrency`).

use rayon::prelude::*;
use std::sync::{Mutex, OnceLock, mpsc};

/// Stack of each pool thread: reserved, and used only as deep as needed.
pub const STACK_BYTES: usize = 256 * 1024 * 1024;
/// Most threads, whatever the machine.
const MAX_THREADS: usize = 8;

/// How many threads the pool has: the machine's cores, at most
/// [`MAX_THREADS`].
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(MAX_THREADS)
}

fn build(threads: usize, name: &'static str) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(STACK_BYTES)
        .thread_name(move |i| format!("{name}-{i}"))
        .build()
        .ok()
}

fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| build(threads(), "model-audit"))
        .as_ref()
}

/// Whether this thread is a thread of a pool: the work it hands on stays
/// in that pool ([`with_threads`]).
fn on_a_pool() -> bool {
    rayon::current_thread_index().is_some()
}

/// Runs `f` on a pool thread (at once, if this is one) and returns its
/// result; `None` if no pool thread could be started.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> Option<R> {
    if on_a_pool() {
        return Some(f());
    }
    pool().map(|p| p.install(f))
}

/// `items.iter().map(f)`, on the pool, results in the order of the items.
/// A panic in `f` is not swallowed: it carries on in the caller, so no item
/// is ever silently dropped. Without a pool, the items are mapped here.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if on_a_pool() {
        return items.par_iter().map(f).collect();
    }
    match pool() {
        Some(p) => p.install(|| items.par_iter().map(f).collect()),
        None => items.iter().map(f).collect(),
    }
}

/// Runs `a` and `b` side by side on the pool (or one after the other
/// without one).
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if on_a_pool() {
        return rayon::join(a, b);
    }
    match pool() {
        Some(p) => p.install(|| rayon::join(a, b)),
        None => (a(), b()),
    }
}

/// Runs `work` once for every node of a graph, on the pool, each node as
/// soon as the nodes it depends on (`deps[i]`) are done, and gives the
/// results in the order of the nodes. `work(i, done)` sees the results of
/// the nodes done so far (all of node `i`'s dependencies, except in a
/// cycle: when no node is ready, the first one left runs with what is
/// known).
pub fn in_dependency_order<R: Send + Sync + Default>(
    deps: &[Vec<usize>],
    work: impl Fn(usize, &[OnceLock<R>]) -> R + Sync + Send,
) -> Vec<R> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let n = deps.len();
    let done: Vec<OnceLock<R>> = (0..n).map(|_| OnceLock::new()).collect();
    let waiting: Vec<AtomicUsize> = deps.iter().map(|d| AtomicUsize::new(d.len())).collect();
    let started: Vec<AtomicBool> = (0..n).map(|_| AtomicBool::new(false)).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, list) in deps.iter().enumerate() {
        for &d in list {
            if let Some(of) = dependents.get_mut(d) {
                of.push(i);
            }
        }
    }
    struct Graph<'g, R, W> {
        done: &'g [OnceLock<R>],
        waiting: &'g [AtomicUsize],
        started: &'g [AtomicBool],
        dependents: &'g [Vec<usize>],
        work: &'g W,
    }
    impl<R: Send + Sync, W: Fn(usize, &[OnceLock<R>]) -> R> Graph<'_, R, W> {
        /// Does node `i`; returns the dependents it leaves ready to start
        /// (and marks them started).
        fn finish(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
            let _ = self.done[i].set((self.work)(i, self.done));
            self.dependents[i].iter().copied().filter(|&j| {
                self.waiting[j].fetch_sub(1, Ordering::AcqRel) == 1
                    && !self.started[j].swap(true, Ordering::AcqRel)
            })
        }
    }
    fn run<'s, R: Send + Sync, W: Fn(usize, &[OnceLock<R>]) -> R + Sync>(
        g: &'s Graph<'s, R, W>,
        scope: &rayon::Scope<'s>,
        i: usize,
    ) {
        for j in g.finish(i) {
            scope.spawn(move |scope| run(g, scope, j));
        }
    }
    let graph = Graph {
        done: &done,
        waiting: &waiting,
        started: &started,
        dependents: &dependents,
        work: &work,
    };
    loop {
        let mut roots: Vec<usize> = (0..n)
            .filter(|&i| {
                waiting[i].load(Ordering::Acquire) == 0 && !started[i].load(Ordering::Acquire)
            })
            .collect();
        if roots.is_empty() {
            match (0..n).find(|&i| !started[i].load(Ordering::Acquire)) {
                Some(i) => roots.push(i),
                None => break,
            }
        }
        for &i in &roots {
            started[i].store(true, Ordering::Release);
        }
        let graph = &graph;
        let roots = &roots;
        let spawn_all = || {
            rayon::scope(|scope| {
                for &i in roots {
                    scope.spawn(move |scope| run(graph, scope, i));
                }
            })
        };
        if on_a_pool() {
            spawn_all();
        } else if let Some(p) = pool() {
            p.install(spawn_all);
        } else {
            // No pool: one node after another, in the same order.
            let mut ready: Vec<usize> = roots.clone();
            while let Some(i) = ready.pop() {
                ready.extend(graph.finish(i));
            }
        }
    }
    done.into_iter()
        .map(|r| r.into_inner().unwrap_or_default())
        .collect()
}

/// Runs `f` on a pool of its own of `threads` threads (at least one, with
/// the same stacks): every [`map`], [`join`] and [`install`] inside stays on
/// them. For work done beside another process that needs a core (the
/// members' scan while `cargo metadata` runs). Without such a pool, `f` runs
/// on the main one.
pub fn with_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    match build(threads.max(1), "model-audit-side") {
        Some(side) => side.install(f),
        None => f(),
    }
}

/// Runs `work` on every job on at most `workers` threads (at least one, and
/// no more than there are jobs), and returns the results in job order. See
/// [`bounded_each`], which hands them over one by one instead.
pub fn bounded<J: Send, R: Send>(
    jobs: Vec<J>,
    workers: usize,
    work: impl Fn(J) -> R + Sync,
    finished: impl FnMut(usize),
) -> Vec<R> {
    let mut out = Vec::with_capacity(jobs.len());
    bounded_each(jobs, workers, work, finished, |r| out.push(r));
    out
}

/// Runs `work` on every job on at most `workers` threads (at least one, and
/// no more than there are jobs). The jobs are queued on a channel before the
/// workers start; each worker takes the next job, runs it and sends the
/// result back with the job's index. This thread calls `finished` with the
/// count of results after each one (for progress) and hands each result to
/// `each` in job order, whichever order the workers finished them in: a
/// result that comes early waits only for the ones before it, so the caller
/// keeps what it makes of each result and no list of them all is held. A
/// panic in `work` ends that worker; the others drain the queue and the
/// panic then propagates.
pub fn bounded_each<J: Send, R: Send>(
    jobs: Vec<J>,
    workers: usize,
    work: impl Fn(J) -> R + Sync,
    mut finished: impl FnMut(usize),
    mut each: impl FnMut(R),
) {
    let n = jobs.len();
    let (job_tx, job_rx) = mpsc::channel();
    for job in jobs.into_iter().enumerate() {
        // The receiver is alive until the end of this function.
        let _ = job_tx.send(job);
    }
    drop(job_tx);
    let job_rx = Mutex::new(job_rx);
    let (result_tx, result_rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..workers.clamp(1, n.max(1)) {
            let result_tx = result_tx.clone();
            let (job_rx, work) = (&job_rx, &work);
            s.spawn(move || {
                loop {
                    // Every job is queued and the sender gone, so `recv`
                    // never waits: it hands out a job or says the queue is
                    // empty. The lock is released before the job runs.
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((i, job))) = next else { break };
                    if result_tx.send((i, work(job))).is_err() {
                        break;
                    }
                }
            });
        }
        // The loop below ends when the last worker drops its sender.
        drop(result_tx);
        // Results that came before their turn, by job index.
        let mut early = std::collections::BTreeMap::new();
        let mut turn = 0;
        for (count, (i, result)) in result_rx.iter().enumerate() {
            finished(count + 1);
            early.insert(i, result);
            while let Some(result) = early.remove(&turn) {
                each(result);
                turn += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn keeps_the_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(
            super::map(&items, |i| i * 2),
            items.iter().map(|i| i * 2).collect::<Vec<_>>()
        );
        assert!(super::map(&[] as &[u32], |i| *i).is_empty());
    }

    #[test]
    fn nests() {
        let outer: Vec<u32> = (0..20).collect();
        let sums = super::map(&outer, |&n| {
            let inner: Vec<u32> = (0..n).collect();
            super::map(&inner, |i| i + 1).iter().sum::<u32>()
        });
        assert_eq!(sums[4], 1 + 2 + 3 + 4);
    }

    #[test]
    fn a_side_pool_keeps_its_work() {
        let items: Vec<u32> = (0..200).collect();
        let names = super::with_threads(1, || {
            super::map(&items, |_| {
                let inner = super::install(|| std::thread::current().name().map(str::to_owned));
                let here = std::thread::current().name().map(str::to_owned);
                assert_eq!(inner, Some(here.clone()));
                here.unwrap_or_default()
            })
        });
        assert!(names.iter().all(|n| n == "model-audit-side-0"), "{names:?}");
    }

    #[test]
    fn a_graph_runs_each_node_after_its_dependencies() {
        // 0 <- 1 <- 2, 0 <- 3, and a cycle 4 <-> 5 that waits for 2.
        let deps = vec![vec![], vec![0], vec![1], vec![0], vec![5, 2], vec![4]];
        let order = std::sync::Mutex::new(Vec::new());
        let depth = super::in_dependency_order(&deps, |i, done| {
            order.lock().unwrap().push(i);
            1 + deps[i]
                .iter()
                .filter_map(|&d| done[d].get())
                .max()
                .copied()
                .unwrap_or(0)
        });
        assert_eq!(&depth[..4], &[1, 2, 3, 2]);
        let order = order.into_inner().unwrap();
        assert_eq!(order.len(), 6, "{order:?}");
        let at = |i: usize| order.iter().position(|&x| x == i).unwrap();
        assert!(at(0) < at(1) && at(1) < at(2) && at(0) < at(3));
        assert!(at(2) < at(4) && at(2) < at(5), "{order:?}");
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..100).collect();
        let caught = std::panic::catch_unwind(|| {
            super::map(&items, |&i| {
                assert!(i != 50, "boom");
                i
            })
        });
        assert!(caught.is_err());
    }

    #[test]
    fn results_come_back_in_job_order_with_progress_after_each() {
        let mut seen = Vec::new();
        let out = super::bounded((0..40).collect(), 4, |i: u32| i * 10, |n| seen.push(n));
        assert_eq!(out, (0..40).map(|i| i * 10).collect::<Vec<_>>());
        assert_eq!(seen, (1..=40).collect::<Vec<_>>());
    }

    #[test]
    fn each_result_is_handed_over_in_job_order_when_its_turn_comes() {
        // Job 0 finishes last: every other result waits for it, then all
        // follow in order.
        let mut handed = Vec::new();
        super::bounded_each(
            (0..8).collect(),
            4,
            |i: u64| {
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                i
            },
            |_| {},
            |r| handed.push(r),
        );
        assert_eq!(handed, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_jobs_run_at_once_than_workers() {
        for workers in [1, 3] {
            let running = AtomicUsize::new(0);
            let most = AtomicUsize::new(0);
            let out = super::bounded(
                (0..24).collect(),
                workers,
                |i: usize| {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    // Long enough for the workers to overlap.
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    running.fetch_sub(1, Ordering::SeqCst);
                    i
                },
                |_| {},
            );
            assert_eq!(out, (0..24).collect::<Vec<_>>());
            let most = most.load(Ordering::SeqCst);
            assert!(
                (1..=workers).contains(&most),
                "{most} jobs ran at once with {workers} workers"
            );
        }
    }

    #[test]
    fn no_jobs_and_zero_workers_are_handled() {
        let none: Vec<u8> = super::bounded(Vec::<u8>::new(), 8, |j| j, |_| panic!("no progress"));
        assert!(none.is_empty());
        // A concurrency of 0 still runs the jobs, on one worker.
        assert_eq!(super::bounded(vec![1, 2], 0, |j: u8| j + 1, |_| {}), [2, 3]);
    }

    #[test]
    fn a_panicking_job_propagates_instead_of_hanging() {
        let ran = AtomicUsize::new(0);
        let outcome = std::panic::catch_unwind(|| {
            super::bounded(
                (0..16).collect(),
                2,
                |i: u32| {
                    ran.fetch_add(1, Ordering::SeqCst);
                    assert_ne!(i, 3, "job 3 fails");
                    i
                },
                |_| {},
            )
        });
        assert!(outcome.is_err());
        // The other worker drained the queue.
        assert_eq!(ran.load(Ordering::SeqCst), 16);
    }
}
