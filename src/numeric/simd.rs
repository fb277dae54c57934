//! The instruction sets of the engine's vectorised loops: [`vectorised`] runs a loop compiled
//! for AVX-512 or AVX2 where the CPU has them (checked at run time, so the binary still runs
//! on any x86-64 and elsewhere), capped by `DCSITE_SIMD`. No loop uses FMA, so every path
//! gives the same bits.

/// The instruction sets the engine's vectorised loops are compiled for. Every path gives the
/// same bits, so the choice changes speed only. By default a run takes the best the CPU has;
/// [`SIMD_VARIABLE`] caps it, to check that another CPU would write the same files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Simd {
    /// Baseline code of the target (SSE2 on x86-64).
    Baseline,
    /// AVX2.
    Avx2,
    /// AVX-512 F, DQ, BW and VL.
    Avx512,
}

/// The environment variable that caps [`Simd`]: `auto` (the default), `avx512`, `avx2` or
/// `baseline`. A cap above what the CPU has leaves the CPU's best.
pub const SIMD_VARIABLE: &str = "DCSITE_SIMD";
/// The values [`SIMD_VARIABLE`] takes.
pub const SIMD_VALUES: [&str; 4] = ["auto", "avx512", "avx2", "baseline"];

impl Simd {
    /// The cap named by a value of [`SIMD_VARIABLE`]: `Some(None)` for `auto`, `None` for a
    /// value not in [`SIMD_VALUES`].
    pub fn parse(value: &str) -> Option<Option<Simd>> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Some(None),
            "avx512" => Some(Some(Simd::Avx512)),
            "avx2" => Some(Some(Simd::Avx2)),
            "baseline" => Some(Some(Simd::Baseline)),
            _ => None,
        }
    }

    /// Refuses a value of [`SIMD_VARIABLE`] not in [`SIMD_VALUES`] (bad input); the
    /// command line and the Python module check it before any work.
    pub fn check_variable() -> crate::Result<()> {
        match std::env::var(SIMD_VARIABLE) {
            Ok(v) if Simd::parse(&v).is_none() => Err(crate::Problem::new(
                "environment",
                SIMD_VARIABLE,
                format!("must be one of {}", SIMD_VALUES.join(", ")),
            )
            .value(&v)
            .into()),
            _ => Ok(()),
        }
    }

    /// Whether the CPU has the instruction sets of this path.
    fn available(self) -> bool {
        match self {
            Simd::Baseline => true,
            #[cfg(target_arch = "x86_64")]
            Simd::Avx2 => std::arch::is_x86_feature_detected!("avx2"),
            #[cfg(target_arch = "x86_64")]
            Simd::Avx512 => {
                std::arch::is_x86_feature_detected!("avx512f")
                    && std::arch::is_x86_feature_detected!("avx512dq")
                    && std::arch::is_x86_feature_detected!("avx512bw")
                    && std::arch::is_x86_feature_detected!("avx512vl")
            }
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// The best path the CPU has, at most `cap`.
    fn best(cap: Simd) -> Simd {
        [Simd::Avx512, Simd::Avx2]
            .into_iter()
            .find(|&s| s <= cap && s.available())
            .unwrap_or(Simd::Baseline)
    }

    /// The best path the CPU has.
    pub fn detected() -> Simd {
        Simd::best(Simd::Avx512)
    }

    /// The path in use: the best the CPU has within the cap of [`SIMD_VARIABLE`], read once
    /// per process. A value it does not know is ignored here (the command line refuses it
    /// first). The CPU has every instruction set of the path returned.
    pub fn active() -> Simd {
        static ACTIVE: std::sync::OnceLock<Simd> = std::sync::OnceLock::new();
        *ACTIVE.get_or_init(|| {
            let cap = std::env::var(SIMD_VARIABLE)
                .ok()
                .and_then(|v| Simd::parse(&v))
                .flatten();
            Simd::best(cap.unwrap_or(Simd::Avx512))
        })
    }
}

/// Runs `f`, inlined into a function compiled for AVX-512 (F, DQ, BW and VL: 64-bit integer
/// conversions and 16-bit lanes in 512-bit registers) or AVX2, as [`Simd::active`] says.
#[inline(always)]
pub fn vectorised<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        match Simd::active() {
            // SAFETY: `active` returns a path only if the CPU has its features: here
            // AVX-512F, DQ, BW and VL, the features `avx512` enables.
            Simd::Avx512 => return unsafe { avx512(f) },
            // SAFETY: as above: AVX2, the only feature `avx2` enables.
            Simd::Avx2 => return unsafe { avx2(f) },
            Simd::Baseline => {}
        }
    }
    f()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512bw,avx512vl")]
#[inline]
pub(super) fn avx512<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub(super) fn avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simd_values_and_caps() {
        assert_eq!(Simd::parse("auto"), Some(None));
        assert_eq!(Simd::parse(""), Some(None));
        assert_eq!(Simd::parse(" AVX512 "), Some(Some(Simd::Avx512)));
        assert_eq!(Simd::parse("avx2"), Some(Some(Simd::Avx2)));
        assert_eq!(Simd::parse("baseline"), Some(Some(Simd::Baseline)));
        assert_eq!(Simd::parse("sse4"), None);
        for v in SIMD_VALUES {
            assert!(Simd::parse(v).is_some(), "{v}");
        }
        // A cap never raises the path above itself or above what the CPU has.
        assert_eq!(Simd::best(Simd::Baseline), Simd::Baseline);
        for cap in [Simd::Avx2, Simd::Avx512] {
            let path = Simd::best(cap);
            assert!(path <= cap && path <= Simd::detected() && path.available());
        }
        assert_eq!(Simd::best(Simd::Avx512), Simd::detected());
    }
}
