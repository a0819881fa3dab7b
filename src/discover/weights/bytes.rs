//! The byte source both readers share: reads and seeks checked against
//! the file's length, charged to a budget of `MAX_READ` bytes, and errors
//! that say what was being read, where, and (in a GGUF key/value) which key.

use super::{MAX_READ, Result, SEEK_COST, WeightError};
use std::fmt;
use std::io::{self, BufReader, Read, Seek, SeekFrom};

/// The reader under the buffer, charging every read and seek to a budget
/// (`MAX_READ`).
pub(super) struct Budget<R> {
    pub(super) inner: R,
    pub(super) left: u64,
}

/// The error a [`Budget`] returns once spent.
#[derive(Debug)]
struct OverBudget;

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "more than {MAX_READ} bytes of reads and seeks")
    }
}

impl std::error::Error for OverBudget {}

impl<R: Read> Read for Budget<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::other(OverBudget));
        }
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut buf[..n])?;
        self.left -= read as u64;
        Ok(read)
    }
}

impl<R: Seek> Seek for Budget<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.left = self
            .left
            .checked_sub(SEEK_COST)
            .ok_or_else(|| io::Error::other(OverBudget))?;
        self.inner.seek(pos)
    }
}

pub(super) struct Src<R> {
    pub(super) r: BufReader<Budget<R>>,
    /// Where the file starts in the reader.
    pub(super) base: u64,
    /// The current offset, from `base`.
    pub(super) pos: u64,
    /// The file length, from `base`.
    pub(super) len: u64,
    pub(super) big_endian: bool,
    /// The key/value being read, for messages.
    pub(super) kv: Option<u64>,
    pub(super) key: String,
    pub(super) notes: Vec<String>,
}

impl<R: Read + Seek> Src<R> {
    pub(super) fn remaining(&self) -> u64 {
        self.len.saturating_sub(self.pos)
    }

    /// `key/value 3 (`general.name`): `, or nothing outside the key/values.
    fn context(&self) -> String {
        match self.kv {
            None => String::new(),
            Some(i) if self.key.is_empty() => format!("key/value {i}: "),
            Some(i) => format!("key/value {i} (`{}`): ", self.key),
        }
    }

    pub(super) fn invalid(&self, what: impl fmt::Display, at: u64) -> WeightError {
        WeightError::Invalid(format!("{}{what} at byte {at}", self.context()))
    }

    /// `what` needs `need` bytes from `at`, more than the file has.
    pub(super) fn truncated(&self, what: &str, need: impl fmt::Display, at: u64) -> WeightError {
        WeightError::Invalid(format!(
            "truncated: {}{what} ({need} bytes) runs past the end of the file ({} bytes) at byte {at}",
            self.context(),
            self.len
        ))
    }

    fn io_error(&self, e: io::Error, what: &str, need: u64) -> WeightError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            // The file shrank while we read it.
            self.truncated(what, need, self.pos)
        } else if e.get_ref().is_some_and(|inner| inner.is::<OverBudget>()) {
            WeightError::Invalid(format!(
                "{}gave up: getting through the metadata costs {e}, at byte {}",
                self.context(),
                self.pos
            ))
        } else {
            WeightError::Io(format!(
                "{}reading the {what} at byte {}: {e}",
                self.context(),
                self.pos
            ))
        }
    }

    pub(super) fn fill(&mut self, buf: &mut [u8], what: &str) -> Result<()> {
        let need = buf.len() as u64;
        if need > self.remaining() {
            return Err(self.truncated(what, need, self.pos));
        }
        if let Err(e) = self.r.read_exact(buf) {
            return Err(self.io_error(e, what, need));
        }
        self.pos += need;
        Ok(())
    }

    pub(super) fn skip(&mut self, n: u64, what: &str) -> Result<()> {
        if n > self.remaining() {
            return Err(self.truncated(what, n, self.pos));
        }
        if n == 0 {
            return Ok(());
        }
        let moved = match i64::try_from(n) {
            Ok(offset) => self.r.seek_relative(offset),
            Err(_) => self
                .r
                .seek(SeekFrom::Start(self.base + self.pos + n))
                .map(drop),
        };
        if let Err(e) = moved {
            return Err(self.io_error(e, what, n));
        }
        self.pos += n;
        Ok(())
    }

    pub(super) fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N]> {
        let mut buf = [0u8; N];
        self.fill(&mut buf, what)?;
        Ok(buf)
    }

    pub(super) fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.array::<1>(what)?[0])
    }

    pub(super) fn u16(&mut self, what: &str) -> Result<u16> {
        let b = self.array(what)?;
        Ok(if self.big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }

    pub(super) fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.array(what)?;
        Ok(if self.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    pub(super) fn u64(&mut self, what: &str) -> Result<u64> {
        let b = self.array(what)?;
        Ok(if self.big_endian {
            u64::from_be_bytes(b)
        } else {
            u64::from_le_bytes(b)
        })
    }
}
