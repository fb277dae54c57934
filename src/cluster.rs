//! Shards of a run from a cluster scheduler's array job: which shard this task is, read
//! from the environment variables each scheduler sets, with their 0- or 1-based indices
//! turned into dcsite's 1-based `k` of `n`.
//!
//! | scheduler | index | count |
//! |---|---|---|
//! | Slurm job array (`sbatch --array=A-B[:S]`) | `SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN`, over the step `SLURM_ARRAY_TASK_STEP` | `SLURM_ARRAY_TASK_COUNT` |
//! | Kubernetes Indexed Job | `JOB_COMPLETION_INDEX` (0-based) | `--shard-count` (the Job's `completions`) |
//! | AWS Batch array job | `AWS_BATCH_JOB_ARRAY_INDEX` (0-based) | `--shard-count` (the array `size`) |
//!
//! `--shard-count`, when given, overrides Slurm's count too; it must agree with the index.

use crate::error::{Problem, Result};

/// The variables read, in the order they are tried.
pub const SHARD_VARIABLES: [&str; 3] = [
    "SLURM_ARRAY_TASK_ID",
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
];

/// The shard `(k, n)` (1-based k) of this array task, from the environment as `get`
/// reads it (`std::env::var(name).ok()` in the CLI), and `count` from `--shard-count`;
/// `command` (`run`, `confidence`) names the command in messages.
pub fn shard_from_env(
    command: &str,
    get: impl Fn(&str) -> Option<String>,
    count: Option<u64>,
) -> Result<(u64, u64)> {
    let number = |name: &str| -> Result<Option<u64>> {
        match get(name) {
            None => Ok(None),
            Some(v) => v.trim().parse::<u64>().map(Some).map_err(|_| {
                Problem::new("environment", name, "must be a whole number ≥ 0")
                    .value(&v)
                    .into()
            }),
        }
    };
    let (variable, index, env_count) = if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
        let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        let step = number("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1).max(1);
        if id < min || (id - min) % step != 0 {
            return Err(Problem::new(
                "environment",
                "SLURM_ARRAY_TASK_ID",
                format!("must be SLURM_ARRAY_TASK_MIN ({min}) plus a multiple of SLURM_ARRAY_TASK_STEP ({step})"),
            )
            .value(id)
            .into());
        }
        let count = number("SLURM_ARRAY_TASK_COUNT")?;
        ("SLURM_ARRAY_TASK_ID", (id - min) / step, count)
    } else if let Some(i) = number("JOB_COMPLETION_INDEX")? {
        ("JOB_COMPLETION_INDEX", i, None)
    } else if let Some(i) = number("AWS_BATCH_JOB_ARRAY_INDEX")? {
        ("AWS_BATCH_JOB_ARRAY_INDEX", i, None)
    } else {
        return Err(Problem::new(
            command,
            "--shard auto",
            format!(
                "no array-job index in the environment: set by Slurm ({}), Kubernetes Indexed Jobs ({}) or AWS Batch ({}); outside an array job give --shard K/N",
                SHARD_VARIABLES[0], SHARD_VARIABLES[1], SHARD_VARIABLES[2]
            ),
        )
        .into());
    };
    let Some(n) = count.or(env_count) else {
        return Err(Problem::new(
            command,
            "--shard-count",
            format!("{variable} gives this task's index but not how many tasks there are: give --shard-count N (the array's size)"),
        )
        .into());
    };
    let k = index + 1;
    if n == 0 || k > n {
        // The count came from --shard-count, or else from Slurm's SLURM_ARRAY_TASK_COUNT.
        let (file, key) = match count {
            Some(_) => (command, "--shard-count"),
            None => ("environment", "SLURM_ARRAY_TASK_COUNT"),
        };
        return Err(Problem::new(
            file,
            key,
            format!("task index {index} (from {variable}, 0-based) needs at least {k} shards"),
        )
        .value(n)
        .into());
    }
    Ok((k, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn slurm_arrays_from_one_or_zero_with_steps() {
        // sbatch --array=1-4: task 3 is shard 3 of 4.
        let one = [
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        assert_eq!(shard_from_env("run", env(&one), None).unwrap(), (3, 4));
        // sbatch --array=0-3: task 0 is shard 1 of 4.
        let zero = [
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        assert_eq!(shard_from_env("run", env(&zero), None).unwrap(), (1, 4));
        // sbatch --array=10-16:2 (10, 12, 14, 16): task 14 is shard 3 of 4.
        let step = [
            ("SLURM_ARRAY_TASK_ID", "14"),
            ("SLURM_ARRAY_TASK_MIN", "10"),
            ("SLURM_ARRAY_TASK_STEP", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        assert_eq!(shard_from_env("run", env(&step), None).unwrap(), (3, 4));
        let off = [
            ("SLURM_ARRAY_TASK_ID", "13"),
            ("SLURM_ARRAY_TASK_MIN", "10"),
            ("SLURM_ARRAY_TASK_STEP", "2"),
        ];
        let e = shard_from_env("run", env(&off), Some(4)).unwrap_err();
        assert_eq!(e.problems()[0].key, "SLURM_ARRAY_TASK_ID");
    }

    #[test]
    fn kubernetes_and_aws_indices_are_zero_based_and_need_the_count() {
        let k8s = [("JOB_COMPLETION_INDEX", "0")];
        assert_eq!(shard_from_env("run", env(&k8s), Some(8)).unwrap(), (1, 8));
        let e = shard_from_env("run", env(&k8s), None).unwrap_err();
        assert!(e.is_input());
        assert_eq!(e.problems()[0].key, "--shard-count");
        let aws = [("AWS_BATCH_JOB_ARRAY_INDEX", "7")];
        assert_eq!(shard_from_env("run", env(&aws), Some(8)).unwrap(), (8, 8));
        let e = shard_from_env("run", env(&aws), Some(7)).unwrap_err();
        assert!(e.to_string().contains("needs at least 8 shards"), "{e}");
    }

    #[test]
    fn a_count_too_small_names_where_it_came_from_and_the_command() {
        // Slurm's own count: the environment variable is named, not a --shard-count no one
        // gave; the command is the one that ran (an audit found `run: --shard-count = 4` for
        // `dcsite confidence` in a Slurm array).
        let slurm = [
            ("SLURM_ARRAY_TASK_ID", "5"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ];
        let e = shard_from_env("confidence", env(&slurm), None).unwrap_err();
        let p = &e.problems()[0];
        assert_eq!(
            (p.file.as_str(), p.key.as_str()),
            ("environment", "SLURM_ARRAY_TASK_COUNT")
        );
        let e = shard_from_env("confidence", env(&slurm), Some(4)).unwrap_err();
        let p = &e.problems()[0];
        assert_eq!(
            (p.file.as_str(), p.key.as_str()),
            ("confidence", "--shard-count")
        );
    }

    #[test]
    fn no_index_or_a_bad_one_is_bad_input() {
        let e = shard_from_env("run", env(&[]), Some(2)).unwrap_err();
        assert!(e.is_input());
        assert!(e.to_string().contains("SLURM_ARRAY_TASK_ID"), "{e}");
        let bad = [("JOB_COMPLETION_INDEX", "x")];
        let e = shard_from_env("run", env(&bad), Some(2)).unwrap_err();
        assert_eq!(e.problems()[0].key, "JOB_COMPLETION_INDEX");
    }
}
