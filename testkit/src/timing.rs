//! What the core's benchmarks share: the median of timed runs, in milliseconds.

use std::time::Instant;

/// The middle value of `samples`.
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The median wall-clock time of `runs` calls of `f`, in milliseconds.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}
