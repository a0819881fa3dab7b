//! A mock Hugging Face Hub for integration tests.
//!
//! [`MockHub::start`] binds a real HTTP/1.1 server on `127.0.0.1:0` and serves
//! the requests `hf-hub` 0.5 (sync API, ureq 3) and 1.0 make, so tests exercise
//! the real client code without touching the network:
//!
//! - `GET|HEAD /api/{models|datasets}/{id}` and `.../{id}/revision/{rev}`:
//!   repo info as JSON (`id`, `sha`, `siblings`, `cardData`, `tags`, `gated`,
//!   ...). The revision may be `main`, the full sha, a sha prefix of at least 7
//!   hex digits, or any name in [`RepoSpec::revisions`]; a `/` in it may be
//!   sent raw or as `%2F` (`refs%2Fpr%2F1`). `?blobs=true` adds `blobId` and
//!   `size` to each sibling.
//! - `GET|HEAD /{id}/resolve/{rev}/{file}` (datasets: `/datasets/{id}/...`;
//!   `/raw/` is served the same way): the file, with `ETag: "<sha1 of the
//!   content>"`, `X-Repo-Commit`, `Accept-Ranges: bytes`. A single `Range`
//!   (`bytes=a-b`, `bytes=a-`, `bytes=-n`) answers 206 with `Content-Range:
//!   bytes a-b/len`; an unsatisfiable one 416 (`Content-Range: bytes */len`);
//!   no, a malformed or a multi-part range the whole file with 200. An empty
//!   file answers any range with 200, an empty body and `Content-Range: bytes
//!   */0`, so `hf-hub` 0.5 (which needs `Content-Range`) can still fetch it.
//!   `If-None-Match` with the etag answers 304.
//!
//! Errors carry a JSON body `{"error": "..."}` plus `X-Error-Code` and
//! `X-Error-Message`, as the Hub does: an unknown repo is 404 `RepoNotFound`,
//! an unknown revision 404 `RevisionNotFound`, a missing file 404
//! `EntryNotFound` (with `X-Repo-Commit`). Gated repos ([`Gated`]) answer info
//! with 200 and `"gated": "manual"|"auto"`; their files need a token
//! (`Authorization: Bearer <token>`): without one 401, with one that is not
//! approved ([`MockHub::approve_token`]) 403, both `X-Error-Code: GatedRepo`.
//!
//! Faults ([`Fault`]) are queued per path prefix with [`MockHub::push_fault`]
//! and consumed one per matching request; [`MockHub::set_latency`] delays
//! every response. Every request is recorded ([`MockHub::requests`]).
//!
//! Everything is bounded so a test cannot hang forever: sockets poll a stop
//! flag every 50 ms, an idle or half-sent request is dropped after 30 s, heads
//! are capped at 64 KiB and bodies at 1 MiB, at most 64 connections are served
//! at once (more get 503), and [`Fault::NeverAnswer`] gives up after 60 s.
//! Dropping the [`MockHub`] stops it: the port is closed when `drop` returns
//! and open connections end within about 50 ms.
//!
//! Use it from an integration test with `#[path = "support/hub.rs"] mod hub;`
//! or `mod support;` (whose `mod.rs` re-exports this module as `support::hub`).
//! Only `std` and `serde_json` are used.

#![allow(dead_code)]

use std::collections::{HashSet, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Longest time a connection waits for (the rest of) a request.
const IO_TIMEOUT: Duration = Duration::from_secs(30);
/// How often blocked reads and sleeps look at the stop flag.
const POLL: Duration = Duration::from_millis(50);
/// Longest time [`Fault::NeverAnswer`] holds a connection.
const NEVER_ANSWER_LIMIT: Duration = Duration::from_secs(60);
/// Largest request head (request line plus headers).
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body.
const MAX_BODY: usize = 1024 * 1024;
/// Most connections served at once.
const MAX_CONNECTIONS: usize = 64;
/// Most requests kept by [`MockHub::requests`]; the count goes on.
const MAX_RECORDED: usize = 100_000;
/// Hops after which [`Fault::RedirectLoop`] answers 508 instead of redirecting.
const MAX_LOOP_HOPS: u64 = 1000;
/// Path of the redirect chain behind [`Fault::RedirectLoop`].
const LOOP_PATH: &str = "/__mock/redirect-loop/";

/// Whether a repo is a model or a dataset; decides its URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepoKind {
    /// `/api/models/{id}`, `/{id}/resolve/...`.
    Model,
    /// `/api/datasets/{id}`, `/datasets/{id}/resolve/...`.
    Dataset,
}

/// Access gating of a repo. Info is always public; files are not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gated {
    /// `"gated": false`; files are public.
    No,
    /// `"gated": "auto"`; files need a token, any token is approved.
    Auto,
    /// `"gated": "manual"`; files need a token approved with
    /// [`MockHub::approve_token`] (401 without a token, 403 otherwise).
    Manual,
}

/// One repo served by the hub, at one commit.
#[derive(Clone, Debug)]
pub struct RepoSpec {
    /// `owner/name` (a bare `name` works too).
    pub id: String,
    /// Model or dataset.
    pub kind: RepoKind,
    /// The commit, 40 hex digits; `main`, the sha and its prefixes of 7 or more
    /// hex digits resolve to it.
    pub sha: String,
    /// Further revision names (branches, tags, `refs/pr/1`) resolving to `sha`.
    pub revisions: Vec<String>,
    /// `cardData`: `None` leaves the key out, `Some(Value::Null)` sends `null`.
    pub card_data: Option<Value>,
    /// `tags`, e.g. `license:apache-2.0`.
    pub tags: Vec<String>,
    /// Gating of the files.
    pub gated: Gated,
    /// `(rfilename, content)`; `siblings` lists them in this order.
    pub files: Vec<(String, Vec<u8>)>,
}

impl RepoSpec {
    /// A public model with no files, whose sha is derived from `id`.
    pub fn model(id: &str) -> RepoSpec {
        RepoSpec::new(id, RepoKind::Model)
    }

    /// A public dataset with no files, whose sha is derived from `id`.
    pub fn dataset(id: &str) -> RepoSpec {
        RepoSpec::new(id, RepoKind::Dataset)
    }

    fn new(id: &str, kind: RepoKind) -> RepoSpec {
        RepoSpec {
            id: id.to_string(),
            kind,
            sha: sha1_hex(format!("{kind:?}:{id}").as_bytes()),
            revisions: Vec::new(),
            card_data: None,
            tags: Vec::new(),
            gated: Gated::No,
            files: Vec::new(),
        }
    }

    /// Sets the commit (40 hex digits).
    pub fn sha(mut self, sha: &str) -> RepoSpec {
        self.sha = sha.to_string();
        self
    }

    /// Adds a revision name resolving to the commit.
    pub fn revision(mut self, name: &str) -> RepoSpec {
        self.revisions.push(name.to_string());
        self
    }

    /// Sets `cardData`.
    pub fn card_data(mut self, card: Value) -> RepoSpec {
        self.card_data = Some(card);
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, tag: &str) -> RepoSpec {
        self.tags.push(tag.to_string());
        self
    }

    /// Sets the gating.
    pub fn gated(mut self, gated: Gated) -> RepoSpec {
        self.gated = gated;
        self
    }

    /// Adds (or replaces) a file.
    pub fn file(mut self, name: &str, content: impl Into<Vec<u8>>) -> RepoSpec {
        let content = content.into();
        match self.files.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = content,
            None => self.files.push((name.to_string(), content)),
        }
        self
    }

    fn resolves(&self, rev: &str) -> bool {
        rev == "main"
            || rev == self.sha
            || (rev.len() >= 7
                && rev.bytes().all(|b| b.is_ascii_hexdigit())
                && self.sha.starts_with(rev))
            || self.revisions.iter().any(|r| r == rev)
    }

    fn content(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.as_slice())
    }
}

/// A misbehaviour injected into the next request whose path starts with a
/// prefix (see [`MockHub::push_fault`]). [`MockHub::set_latency`] still applies
/// before each of them.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answers this status with `{"error": "injected fault"}` (e.g. 500, 502, 503).
    Status(u16),
    /// Answers 429 with `Retry-After: <secs>`.
    TooManyRequests {
        /// Value of the `Retry-After` header.
        retry_after_secs: u64,
    },
    /// Sleeps this long, then answers normally.
    Delay(Duration),
    /// Reads the request and never answers; the connection is closed when the
    /// hub is dropped or after 60 s.
    NeverAnswer,
    /// Answers normally, but writes the body at about this rate (the head goes
    /// at once). 0 counts as 1.
    Trickle {
        /// Body bytes per second.
        bytes_per_sec: usize,
    },
    /// Answers 200 `application/json` with a body that is not valid JSON.
    InvalidJson,
    /// Sends the normal head with the full `Content-Length`, then only half of
    /// the body (an empty body is announced as 1 byte), then closes. For HEAD,
    /// sends half of the head, then closes.
    TruncatedBody,
    /// Answers 302 to `/__mock/redirect-loop/1`, which redirects to `.../2` and
    /// so on (relative `Location`s on this host); after 1000 hops it answers 508.
    RedirectLoop,
    /// Answers 302 with this absolute `Location` (e.g. another hub's endpoint
    /// plus a path, to check that `Authorization` is not forwarded). When the
    /// request is for a file that would be served, the redirect carries
    /// `X-Repo-Commit`, `X-Linked-Etag` and `X-Linked-Size`, like the Hub's
    /// redirects to its CDN, so `hf-hub` 0.5 can follow it. To make the target
    /// a different host for ureq, use another hub's
    /// [`MockHub::endpoint_localhost`]. Beware: `hf-hub` 0.5's `metadata()`
    /// sends its `Authorization` to this `Location` whatever the host.
    RedirectTo(String),
    /// Reads the request, then closes the connection without a byte.
    CloseConnection,
}

/// One request as the hub received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `GET`, `HEAD`, ...
    pub method: String,
    /// Path and query as sent (still percent-encoded); an absolute-form target
    /// is reduced to its path.
    pub target: String,
    /// Headers in order, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The request body (usually empty).
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path without the query, still percent-encoded.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The query without `?`, if any.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }
}

/// A running mock Hub; stops when dropped.
pub struct MockHub {
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl MockHub {
    /// Binds `127.0.0.1:0` and serves on background threads (one per
    /// connection). Panics if it cannot bind.
    pub fn start() -> MockHub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("mock hub: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("mock hub: local address");
        let shared = Arc::new(Shared {
            addr,
            stop: AtomicBool::new(false),
            active: AtomicUsize::new(0),
            state: Mutex::new(State::default()),
        });
        let accept = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("mock-hub-accept".into())
                .spawn(move || accept_loop(&listener, &shared))
                .expect("mock hub: spawn accept thread")
        };
        MockHub {
            shared,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// `http://localhost:PORT`: the same server under another host name.
    /// Redirect to this (or to another hub's) to test what a client forwards to
    /// a *different host*: ureq's `RedirectAuthHeaders::SameHost` compares host
    /// names only, not ports, so two hubs on `127.0.0.1` count as one host.
    pub fn endpoint_localhost(&self) -> String {
        format!("http://localhost:{}", self.shared.addr.port())
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// Serves `spec`, replacing a repo of the same kind and id.
    pub fn add_repo(&self, spec: RepoSpec) {
        let mut state = self.shared.lock();
        state
            .repos
            .retain(|r| !(r.kind == spec.kind && r.id == spec.id));
        state.repos.push(spec);
    }

    /// Stops serving a repo; it then answers `RepoNotFound`.
    pub fn remove_repo(&self, kind: RepoKind, id: &str) {
        self.shared
            .lock()
            .repos
            .retain(|r| !(r.kind == kind && r.id == id));
    }

    /// Delays every later response (faults included) by `d`.
    pub fn set_latency(&self, d: Duration) {
        self.shared.lock().latency = d;
    }

    /// Queues `fault` for the next request whose path (raw or percent-decoded,
    /// without the query) starts with `path_prefix`; that request gets the
    /// fault instead of normal service. Faults are consumed first in, first out
    /// among those matching, so pushing `Status(500)` twice gives two 500s and
    /// then normal answers.
    pub fn push_fault(&self, path_prefix: &str, fault: Fault) {
        self.shared
            .lock()
            .faults
            .push_back((path_prefix.to_string(), fault));
    }

    /// Faults queued and not yet consumed.
    pub fn pending_faults(&self) -> usize {
        self.shared.lock().faults.len()
    }

    /// Approves `token` for [`Gated::Manual`] repos.
    pub fn approve_token(&self, token: &str) {
        self.shared.lock().tokens.insert(token.to_string());
    }

    /// Every request received since start or the last [`MockHub::reset_counts`],
    /// in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// The requests whose raw path starts with `path_prefix`.
    pub fn requests_to(&self, path_prefix: &str) -> Vec<Recorded> {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.path().starts_with(path_prefix))
            .cloned()
            .collect()
    }

    /// Number of requests received since start or the last reset.
    pub fn request_count(&self) -> usize {
        self.shared.lock().count
    }

    /// Forgets the recorded requests and sets the count to 0.
    pub fn reset_counts(&self) {
        let mut state = self.shared.lock();
        state.requests.clear();
        state.count = 0;
    }
}

impl Drop for MockHub {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept; if that fails, leave the thread detached
        // rather than risk blocking the test.
        let woke = TcpStream::connect_timeout(&self.shared.addr, Duration::from_secs(1)).is_ok();
        if let Some(handle) = self.accept.take()
            && woke
        {
            let _ = handle.join();
        }
    }
}

struct Shared {
    addr: SocketAddr,
    stop: AtomicBool,
    active: AtomicUsize,
    state: Mutex<State>,
}

impl Shared {
    /// Locks the state, ignoring poisoning so one panicking test thread does
    /// not break every later request.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Sleeps `d` in slices; false if the hub stopped meanwhile.
    fn sleep(&self, d: Duration) -> bool {
        let end = Instant::now() + d;
        loop {
            if self.stopped() {
                return false;
            }
            let now = Instant::now();
            if now >= end {
                return true;
            }
            thread::sleep((end - now).min(POLL));
        }
    }
}

#[derive(Default)]
struct State {
    repos: Vec<RepoSpec>,
    faults: VecDeque<(String, Fault)>,
    tokens: HashSet<String>,
    latency: Duration,
    requests: Vec<Recorded>,
    count: usize,
}

/// Decrements the active-connection count when the connection ends.
struct ActiveGuard(Arc<Shared>);

impl Drop for ActiveGuard {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for conn in listener.incoming() {
        if shared.stopped() {
            break;
        }
        let Ok(mut stream) = conn else {
            // e.g. out of file descriptors: back off instead of spinning.
            thread::sleep(POLL);
            continue;
        };
        if shared.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.active.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let busy = error_response(503, None, "mock hub: too many connections");
            let _ = write_response(&mut stream, &busy, false, false);
            continue;
        }
        let guard = ActiveGuard(Arc::clone(shared));
        // If spawning fails, the closure and its guard are dropped: the
        // connection closes and the count is restored.
        let _ = thread::Builder::new()
            .name("mock-hub-conn".into())
            .spawn(move || {
                let shared = Arc::clone(&guard.0);
                serve_connection(stream, &shared);
                drop(guard);
            });
    }
}

/// A parsed request.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    keep_alive: bool,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A response before serialization.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn new(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    fn header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    fn get_header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(status: u16, value: &Value) -> Response {
        let mut r = Response::new(status).header("Content-Type", "application/json; charset=utf-8");
        r.body = value.to_string().into_bytes();
        r
    }
}

/// What to do with a request once routed.
enum Action {
    Send(Response),
    Trickle(Response, usize),
    Truncate(Response),
    NeverAnswer,
    Close,
}

fn serve_connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(POLL));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::new();
    loop {
        let req = match read_request(&mut stream, &mut buf, shared) {
            Ok(Some(req)) => req,
            Ok(None) => return,
            Err(reject) => {
                let _ = write_response(&mut stream, &reject, false, false);
                linger(&mut stream, shared);
                return;
            }
        };
        let head_only = req.method == "HEAD";
        let (latency, action) = dispatch(shared, &req);
        if !shared.sleep(latency) {
            return;
        }
        let keep_alive = req.keep_alive;
        let ok = match action {
            Action::Send(resp) => write_response(&mut stream, &resp, head_only, keep_alive).is_ok(),
            Action::Trickle(resp, rate) => {
                trickle(&mut stream, &resp, head_only, keep_alive, rate, shared)
            }
            Action::Truncate(resp) => {
                truncate(&mut stream, &resp, head_only);
                false
            }
            Action::NeverAnswer => {
                shared.sleep(NEVER_ANSWER_LIMIT);
                false
            }
            Action::Close => false,
        };
        if !ok || !keep_alive || shared.stopped() {
            let _ = stream.shutdown(Shutdown::Both);
            return;
        }
    }
}

/// After a rejection, half-closes and discards what the client still sends
/// (for at most a second), so closing does not reset the connection before the
/// client has read the answer.
fn linger(stream: &mut TcpStream, shared: &Shared) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut sink = Vec::new();
    while let Fill::Data = fill(stream, &mut sink, deadline, shared) {
        sink.clear();
    }
}

enum Fill {
    Data,
    Closed,
}

/// Reads more bytes into `buf`, waiting until `deadline`.
fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>, deadline: Instant, shared: &Shared) -> Fill {
    let mut chunk = [0u8; 8192];
    loop {
        if shared.stopped() || Instant::now() >= deadline {
            return Fill::Closed;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Fill::Closed,
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                return Fill::Data;
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) => {}
            Err(_) => return Fill::Closed,
        }
    }
}

/// Reads one request from `stream`, keeping bytes of a following request in
/// `buf`. `Ok(None)`: the peer closed, went idle too long, or the hub stopped.
/// `Err`: a response to send before closing.
fn read_request(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    shared: &Shared,
) -> Result<Option<Request>, Response> {
    let deadline = Instant::now() + IO_TIMEOUT;
    let head_end = loop {
        // Empty lines before a request line are to be ignored (RFC 9112 2.2).
        let blank = buf
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
        buf.drain(..blank);
        if let Some(pos) = find(buf, b"\r\n\r\n") {
            break pos;
        }
        if buf.len() > MAX_HEAD {
            return Err(error_response(431, None, "request head too large"));
        }
        if let Fill::Closed = fill(stream, buf, deadline, shared) {
            return Ok(None);
        }
    };
    if head_end > MAX_HEAD {
        return Err(error_response(431, None, "request head too large"));
    }
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(error_response(400, None, "malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(error_response(505, None, "only HTTP/1.x is supported"));
    }
    let mut headers = Vec::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(error_response(400, None, "malformed header line"));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if header("transfer-encoding").is_some() {
        return Err(error_response(
            501,
            None,
            "request bodies must use Content-Length",
        ));
    }
    let body_len = match header("content-length") {
        None => 0,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n <= MAX_BODY => n,
            Ok(_) => return Err(error_response(413, None, "request body too large")),
            Err(_) => return Err(error_response(400, None, "bad Content-Length")),
        },
    };
    let connection = header("connection")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let has_token = |t: &str| connection.split(',').any(|c| c.trim() == t);
    let keep_alive = if version == "HTTP/1.0" {
        has_token("keep-alive")
    } else {
        !has_token("close")
    };
    let total = head_end + 4 + body_len;
    while buf.len() < total {
        if let Fill::Closed = fill(stream, buf, deadline, shared) {
            return Ok(None);
        }
    }
    let body = buf[head_end + 4..total].to_vec();
    buf.drain(..total);
    let target = match target.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(i) => rest[i..].to_string(),
            None => "/".to_string(),
        },
        None => target.to_string(),
    };
    Ok(Some(Request {
        method: method.to_string(),
        target,
        headers,
        body,
        keep_alive,
    }))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Records the request, takes its fault if any, and decides the answer.
/// Returns the latency to apply first.
fn dispatch(shared: &Shared, req: &Request) -> (Duration, Action) {
    let mut state = shared.lock();
    state.count += 1;
    if state.requests.len() < MAX_RECORDED {
        state.requests.push(Recorded {
            method: req.method.clone(),
            target: req.target.clone(),
            headers: req.headers.clone(),
            body: req.body.clone(),
        });
    }
    let raw_path = req.target.split('?').next().unwrap_or_default();
    let decoded_path = percent_decode(raw_path);
    let fault = state
        .faults
        .iter()
        .position(|(prefix, _)| {
            raw_path.starts_with(prefix.as_str()) || decoded_path.starts_with(prefix.as_str())
        })
        .and_then(|i| state.faults.remove(i))
        .map(|(_, f)| f);
    let latency = state.latency;
    let action = match fault {
        None => Action::Send(route(&state, req)),
        Some(Fault::Status(code)) => Action::Send(error_response(code, None, "injected fault")),
        Some(Fault::TooManyRequests { retry_after_secs }) => Action::Send(
            error_response(429, None, "Too Many Requests")
                .header("Retry-After", retry_after_secs.to_string()),
        ),
        Some(Fault::Delay(d)) => {
            let resp = route(&state, req);
            drop(state);
            return (latency + d, Action::Send(resp));
        }
        Some(Fault::NeverAnswer) => Action::NeverAnswer,
        Some(Fault::Trickle { bytes_per_sec }) => {
            Action::Trickle(route(&state, req), bytes_per_sec.max(1))
        }
        Some(Fault::InvalidJson) => {
            let mut r =
                Response::new(200).header("Content-Type", "application/json; charset=utf-8");
            r.body = br#"{"id": "broken", "sha": [tru"#.to_vec();
            Action::Send(r)
        }
        Some(Fault::TruncatedBody) => Action::Truncate(route(&state, req)),
        Some(Fault::RedirectLoop) => Action::Send(redirect(&format!("{LOOP_PATH}1"))),
        Some(Fault::RedirectTo(location)) => {
            let normal = route(&state, req);
            let mut r = redirect(&location);
            if (200..300).contains(&normal.status)
                && let (Some(commit), Some(etag)) = (
                    normal.get_header("X-Repo-Commit"),
                    normal.get_header("ETag"),
                )
            {
                let size = normal
                    .get_header("Content-Range")
                    .and_then(|cr| cr.rsplit('/').next())
                    .map_or(normal.body.len().to_string(), str::to_string);
                r = r
                    .header("X-Repo-Commit", commit)
                    .header("X-Linked-Etag", etag)
                    .header("X-Linked-Size", size);
            }
            Action::Send(r)
        }
        Some(Fault::CloseConnection) => Action::Close,
    };
    (latency, action)
}

fn redirect(location: &str) -> Response {
    let mut r = Response::json(302, &json!({ "error": "redirect" }));
    r.headers.push(("Location".into(), location.to_string()));
    r
}

/// Normal service.
fn route(state: &State, req: &Request) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return error_response(405, None, "method not allowed").header("Allow", "GET, HEAD");
    }
    let (raw_path, query) = match req.target.split_once('?') {
        Some((p, q)) => (p, q),
        None => (req.target.as_str(), ""),
    };
    if let Some(hop) = raw_path.strip_prefix(LOOP_PATH) {
        let hop: u64 = hop.parse().unwrap_or(0);
        if hop >= MAX_LOOP_HOPS {
            return error_response(508, None, "redirect loop");
        }
        return redirect(&format!("{LOOP_PATH}{}", hop + 1));
    }
    let segs: Vec<String> = raw_path
        .split('/')
        .skip(1)
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    match segs.as_slice() {
        ["api", "models", rest @ ..] => info(state, RepoKind::Model, rest, query),
        ["api", "datasets", rest @ ..] => info(state, RepoKind::Dataset, rest, query),
        ["datasets", rest @ ..] => file(state, RepoKind::Dataset, rest, req),
        rest => file(state, RepoKind::Model, rest, req),
    }
}

fn find_repo<'a>(state: &'a State, kind: RepoKind, id: &str) -> Option<&'a RepoSpec> {
    state.repos.iter().find(|r| r.kind == kind && r.id == id)
}

fn kind_word(kind: RepoKind) -> &'static str {
    match kind {
        RepoKind::Model => "model",
        RepoKind::Dataset => "dataset",
    }
}

fn repo_not_found() -> Response {
    error_response(404, Some("RepoNotFound"), "Repository not found")
}

/// `/api/{models|datasets}/{id}[/revision/{rev}]`, with `rest` the decoded
/// segments after the kind.
fn info(state: &State, kind: RepoKind, rest: &[&str], query: &str) -> Response {
    let (id, rev) = match rest.iter().position(|s| *s == "revision") {
        Some(i @ 1..=2) if rest.len() > i + 1 => (rest[..i].join("/"), rest[i + 1..].join("/")),
        None if (1..=2).contains(&rest.len()) => (rest.join("/"), "main".to_string()),
        _ => return error_response(404, None, "Not Found"),
    };
    let Some(repo) = find_repo(state, kind, &id) else {
        return repo_not_found();
    };
    if !repo.resolves(&rev) {
        return error_response(
            404,
            Some("RevisionNotFound"),
            &format!("Invalid rev id: {rev}"),
        );
    }
    let blobs = query
        .split('&')
        .any(|kv| kv == "blobs=true" || kv == "blobs=1");
    let siblings: Vec<Value> = repo
        .files
        .iter()
        .map(|(name, content)| {
            if blobs {
                json!({ "rfilename": name, "blobId": sha1_hex(content), "size": content.len() })
            } else {
                json!({ "rfilename": name })
            }
        })
        .collect();
    let gated = match repo.gated {
        Gated::No => json!(false),
        Gated::Auto => json!("auto"),
        Gated::Manual => json!("manual"),
    };
    let mut body = json!({
        "_id": &sha1_hex(id.as_bytes())[..24],
        "id": id,
        "author": id.split_once('/').map_or("", |(owner, _)| owner),
        "sha": repo.sha,
        "lastModified": "2024-01-01T00:00:00.000Z",
        "createdAt": "2024-01-01T00:00:00.000Z",
        "private": false,
        "disabled": false,
        "gated": gated,
        "downloads": 0,
        "likes": 0,
        "tags": repo.tags,
        "siblings": siblings,
    });
    if kind == RepoKind::Model {
        body["modelId"] = json!(id);
    }
    if let Some(card) = &repo.card_data {
        body["cardData"] = card.clone();
    }
    Response::json(200, &body)
}

/// `/{id}/{resolve|raw}/{rev}/{file}`, with `segs` the decoded segments after
/// an optional `datasets`.
fn file(state: &State, kind: RepoKind, segs: &[&str], req: &Request) -> Response {
    let Some(i) = segs
        .iter()
        .take(3)
        .position(|s| *s == "resolve" || *s == "raw")
        .filter(|i| (1..=2).contains(i) && segs.len() >= i + 3)
    else {
        return error_response(404, None, "Not Found");
    };
    let id = segs[..i].join("/");
    let rest = &segs[i + 1..];
    let Some(repo) = find_repo(state, kind, &id) else {
        return repo_not_found();
    };
    if repo.gated != Gated::No {
        let token = req
            .header("authorization")
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim())
            .filter(|t| !t.is_empty());
        let what = format!("{} {id}", kind_word(kind));
        match token {
            None => {
                return error_response(
                    401,
                    Some("GatedRepo"),
                    &format!(
                        "Access to {what} is restricted. You must have access to it and be authenticated to access it. Please log in."
                    ),
                );
            }
            Some(t) if repo.gated == Gated::Manual && !state.tokens.contains(t) => {
                return error_response(
                    403,
                    Some("GatedRepo"),
                    &format!(
                        "Access to {what} is restricted and you are not in the authorized list."
                    ),
                );
            }
            Some(_) => {}
        }
    }
    // The revision may contain raw `/`s: prefer a split whose file exists.
    let splits = (1..rest.len()).map(|k| (rest[..k].join("/"), rest[k..].join("/")));
    let mut resolving = splits.filter(|(rev, _)| repo.resolves(rev)).peekable();
    let Some(first) = resolving.peek().cloned() else {
        return error_response(
            404,
            Some("RevisionNotFound"),
            &format!("Invalid rev id: {}", rest[0]),
        );
    };
    let Some(content) = resolving.find_map(|(_, name)| repo.content(&name)) else {
        return error_response(
            404,
            Some("EntryNotFound"),
            &format!("Entry not found: {}", first.1),
        )
        .header("X-Repo-Commit", repo.sha.clone());
    };
    serve_content(content, &repo.sha, req)
}

/// A file's bytes, honouring `Range` and `If-None-Match`.
fn serve_content(content: &[u8], commit: &str, req: &Request) -> Response {
    let etag = format!("\"{}\"", sha1_hex(content));
    let base = |status: u16| {
        Response::new(status)
            .header("ETag", etag.clone())
            .header("X-Repo-Commit", commit)
            .header("Accept-Ranges", "bytes")
    };
    if let Some(inm) = req.header("if-none-match")
        && inm
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*")
    {
        return base(304);
    }
    let len = content.len();
    let mut resp = match req.header("range").and_then(parse_range) {
        None => {
            let mut r = base(200);
            r.body = content.to_vec();
            r
        }
        Some(_) if len == 0 => base(200).header("Content-Range", "bytes */0"),
        Some(spec) => match spec.bounds(len) {
            Some((start, end)) => {
                let mut r = base(206).header("Content-Range", format!("bytes {start}-{end}/{len}"));
                r.body = content[start..=end].to_vec();
                r
            }
            None => {
                let mut r = error_response(416, None, "Range Not Satisfiable")
                    .header("Content-Range", format!("bytes */{len}"));
                r.headers.push(("X-Repo-Commit".into(), commit.to_string()));
                return r;
            }
        },
    };
    resp.headers
        .push(("Content-Type".into(), "application/octet-stream".into()));
    resp
}

/// A single byte range.
enum RangeSpec {
    /// `a-b` or `a-`.
    From(usize, Option<usize>),
    /// `-n`: the last `n` bytes.
    Suffix(usize),
}

impl RangeSpec {
    /// Inclusive bounds within `len` bytes, or `None` if unsatisfiable.
    fn bounds(&self, len: usize) -> Option<(usize, usize)> {
        match *self {
            RangeSpec::From(start, _) if start >= len => None,
            RangeSpec::From(start, end) => Some((start, end.map_or(len - 1, |e| e.min(len - 1)))),
            RangeSpec::Suffix(0) => None,
            RangeSpec::Suffix(_) if len == 0 => None,
            RangeSpec::Suffix(n) => Some((len.saturating_sub(n), len - 1)),
        }
    }
}

/// Parses `bytes=a-b`; `None` (serve the whole file) for anything else,
/// including several ranges.
fn parse_range(value: &str) -> Option<RangeSpec> {
    let spec = value.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() {
        return b.parse().ok().map(RangeSpec::Suffix);
    }
    let start: usize = a.parse().ok()?;
    if b.is_empty() {
        return Some(RangeSpec::From(start, None));
    }
    let end: usize = b.parse().ok()?;
    (start <= end).then_some(RangeSpec::From(start, Some(end)))
}

/// A JSON error in the Hub's shape.
fn error_response(status: u16, code: Option<&str>, message: &str) -> Response {
    let mut r = Response::json(status, &json!({ "error": message }));
    if let Some(code) = code {
        r.headers.push(("X-Error-Code".into(), code.to_string()));
    }
    // Header values must stay on one line and printable.
    let header_safe: String = message
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                ' '
            }
        })
        .collect();
    r.headers.push(("X-Error-Message".into(), header_safe));
    r
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        416 => "Range Not Satisfiable",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        508 => "Loop Detected",
        _ => "Status",
    }
}

/// Whether a response to this status carries no body at all.
fn bodiless(status: u16) -> bool {
    (100..200).contains(&status) || status == 204 || status == 304
}

/// The status line and headers; `content_length` is what to announce.
fn head_bytes(resp: &Response, content_length: usize, keep_alive: bool) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (name, value) in &resp.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !bodiless(resp.status) {
        head.push_str(&format!("Content-Length: {content_length}\r\n"));
    }
    if !keep_alive {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    head.into_bytes()
}

fn write_response(
    stream: &mut TcpStream,
    resp: &Response,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut out = head_bytes(resp, resp.body.len(), keep_alive);
    if !head_only && !bodiless(resp.status) {
        out.extend_from_slice(&resp.body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

/// Writes the head at once and the body at about `rate` bytes per second.
fn trickle(
    stream: &mut TcpStream,
    resp: &Response,
    head_only: bool,
    keep_alive: bool,
    rate: usize,
    shared: &Shared,
) -> bool {
    if stream
        .write_all(&head_bytes(resp, resp.body.len(), keep_alive))
        .is_err()
    {
        return false;
    }
    if head_only || bodiless(resp.status) {
        return true;
    }
    // Ten slices a second, or one byte per slice for slow rates.
    let slice = (rate / 10).max(1);
    let pause = Duration::from_secs_f64(slice as f64 / rate as f64);
    for part in resp.body.chunks(slice) {
        if !shared.sleep(pause) || stream.write_all(part).is_err() || stream.flush().is_err() {
            return false;
        }
    }
    true
}

/// Announces the full length but sends half of the body (or half of the head
/// for HEAD).
fn truncate(stream: &mut TcpStream, resp: &Response, head_only: bool) {
    let announced = resp.body.len().max(1);
    let head = head_bytes(resp, announced, true);
    let out = if head_only || bodiless(resp.status) {
        head[..head.len() / 2].to_vec()
    } else {
        let mut out = head;
        out.extend_from_slice(&resp.body[..resp.body.len() / 2]);
        out
    };
    let _ = stream.write_all(&out);
    let _ = stream.flush();
}

/// Decodes `%XX` escapes; invalid escapes and non-UTF-8 results are kept
/// (lossily). `+` stays `+`, as in paths.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The etag the hub gives `content`: its SHA-1, 40 lowercase hex digits,
/// without quotes.
pub fn etag_of(content: &[u8]) -> String {
    sha1_hex(content)
}

/// SHA-1 of `data` as 40 lowercase hex digits (a small std-only
/// implementation; fine for test fixtures, not for security).
pub fn sha1_hex(data: &[u8]) -> String {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (wi, word) in w.iter_mut().zip(block.chunks_exact(4)) {
            *wi = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (hi, v) in h.iter_mut().zip([a, b, c, d, e]) {
            *hi = hi.wrapping_add(v);
        }
    }
    h.iter().map(|v| format!("{v:08x}")).collect()
}
