//! A mock Hugging Face Hub for integration tests.
//!
//! [`MockHub::start`] serves HTTP/1.1 on `127.0.0.1:0` and answers the
//! requests `hf-hub` 0.5 (sync API, ureq 3), `hf-hub` 1.0 and the tool's own
//! client make, so tests exercise real client code without touching the
//! network. The wire protocol is hyper's (on a single-threaded tokio runtime of
//! the hub's own); this file adds only the Hub:
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
//! Everything is bounded so a test cannot hang forever: a request head must
//! arrive within 30 s and [`Fault::NeverAnswer`] gives up after 60 s.
//! Dropping the [`MockHub`] stops its runtime: when `drop` returns, the port
//! and every connection are closed.
//!
//! Use it from an integration test with `#[path = "support/hub.rs"] mod hub;`
//! or `mod support;` (whose `mod.rs` re-exports this module as `support::hub`).

#![allow(dead_code)]

use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, ready};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use hyper::StatusCode;
use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};
use tokio::sync::oneshot;

/// Longest time a connection waits for a request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest time [`Fault::NeverAnswer`] holds a connection.
const NEVER_ANSWER_LIMIT: Duration = Duration::from_secs(60);
/// Most requests kept by [`MockHub::requests`]; the count goes on.
const MAX_RECORDED: usize = 100_000;
/// Hops after which [`Fault::RedirectLoop`] answers 508 instead of redirecting.
const MAX_LOOP_HOPS: u64 = 1000;
/// Path of the redirect chain behind [`Fault::RedirectLoop`].
const LOOP_PATH: &str = "/__mock/redirect-loop/";
/// How long a [`Fault::TruncatedBody`] answer waits after its first half, so
/// that half is on the wire before the connection is cut.
const CUT_PAUSE: Duration = Duration::from_millis(20);

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
    /// Never answers; the connection is closed when the hub is dropped or
    /// after 60 s.
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
    /// the body (an empty body is announced as 1 byte), then closes. For HEAD
    /// (and 304), closes without a byte.
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
    /// Closes the connection without a byte.
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
    /// Headers, names lowercased (in order, except that the values of a
    /// repeated name come together).
    pub headers: Vec<(String, String)>,
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
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl MockHub {
    /// Binds `127.0.0.1:0` and serves on a background thread. Panics if it
    /// cannot bind.
    pub fn start() -> MockHub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("mock hub: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("mock hub: local address");
        listener
            .set_nonblocking(true)
            .expect("mock hub: non-blocking listener");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("mock hub: tokio runtime");
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(listener).expect("mock hub: register listener")
        };
        let state = Arc::new(Mutex::new(State::default()));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = {
            let state = Arc::clone(&state);
            thread::Builder::new()
                .name("mock-hub".into())
                .spawn(move || {
                    runtime.block_on(async move {
                        tokio::spawn(accept_loop(listener, state));
                        let _ = stopped.await;
                    });
                    // Dropping the runtime drops the listener and every
                    // connection task, which closes their sockets.
                    drop(runtime);
                })
                .expect("mock hub: spawn server thread")
        };
        MockHub {
            addr,
            state,
            stop: Some(stop),
            server: Some(server),
        }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://localhost:PORT`: the same server under another host name.
    /// Redirect to this (or to another hub's) to test what a client forwards to
    /// a *different host*: ureq's `RedirectAuthHeaders::SameHost` compares host
    /// names only, not ports, so two hubs on `127.0.0.1` count as one host.
    pub fn endpoint_localhost(&self) -> String {
        format!("http://localhost:{}", self.addr.port())
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves `spec`, replacing a repo of the same kind and id.
    pub fn add_repo(&self, spec: RepoSpec) {
        let mut state = self.lock();
        state
            .repos
            .retain(|r| !(r.kind == spec.kind && r.id == spec.id));
        state.repos.push(spec);
    }

    /// Stops serving a repo; it then answers `RepoNotFound`.
    pub fn remove_repo(&self, kind: RepoKind, id: &str) {
        self.lock()
            .repos
            .retain(|r| !(r.kind == kind && r.id == id));
    }

    /// Delays every later response (faults included) by `d`.
    pub fn set_latency(&self, d: Duration) {
        self.lock().latency = d;
    }

    /// Queues `fault` for the next request whose path (raw or percent-decoded,
    /// without the query) starts with `path_prefix`; that request gets the
    /// fault instead of normal service. Faults are consumed first in, first out
    /// among those matching, so pushing `Status(500)` twice gives two 500s and
    /// then normal answers.
    pub fn push_fault(&self, path_prefix: &str, fault: Fault) {
        self.lock()
            .faults
            .push_back((path_prefix.to_string(), fault));
    }

    /// Faults queued and not yet consumed.
    pub fn pending_faults(&self) -> usize {
        self.lock().faults.len()
    }

    /// Approves `token` for [`Gated::Manual`] repos.
    pub fn approve_token(&self, token: &str) {
        self.lock().tokens.insert(token.to_string());
    }

    /// Every request received since start or the last [`MockHub::reset_counts`],
    /// in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// The requests whose raw path starts with `path_prefix`.
    pub fn requests_to(&self, path_prefix: &str) -> Vec<Recorded> {
        self.lock()
            .requests
            .iter()
            .filter(|r| r.path().starts_with(path_prefix))
            .cloned()
            .collect()
    }

    /// Number of requests received since start or the last reset.
    pub fn request_count(&self) -> usize {
        self.lock().count
    }

    /// Forgets the recorded requests and sets the count to 0.
    pub fn reset_counts(&self) {
        let mut state = self.lock();
        state.requests.clear();
        state.count = 0;
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

impl Drop for MockHub {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
}

/// Locks the state, ignoring poisoning so one panicking test thread does not
/// break every later request.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
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

// The server: hyper serves each connection on the hub's runtime and hands
// every request to `answer`.

async fn accept_loop(listener: tokio::net::TcpListener, state: Arc<Mutex<State>>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // e.g. out of file descriptors: back off instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let service = service_fn(move |req| answer(Arc::clone(&state), req));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Records a request, takes its fault if any, waits the latency and answers.
/// An `Err` makes hyper close the connection without (the rest of) an answer.
async fn answer(
    state: Arc<Mutex<State>>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<HubBody>, io::Error> {
    let req = Recorded {
        method: req.method().to_string(),
        target: req
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string(),
        headers: req
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), value)
            })
            .collect(),
    };
    let (latency, action) = dispatch(&state, &req);
    tokio::time::sleep(latency).await;
    let cut = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            why.to_string(),
        ))
    };
    match action {
        Action::Answer(resp, Pace::Cut) if req.method == "HEAD" || bodiless(resp.status) => {
            cut("truncated head")
        }
        Action::Answer(resp, pace) => Ok(resp.into_hyper(pace)),
        Action::NeverAnswer => {
            tokio::time::sleep(NEVER_ANSWER_LIMIT).await;
            cut("never answered")
        }
        Action::Close => cut("closed"),
    }
}

/// A response before it is handed to hyper.
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

    fn into_hyper(self, pace: Pace) -> hyper::Response<HubBody> {
        let mut resp = hyper::Response::new(HubBody::new(self.body, pace));
        *resp.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in self.headers {
            // Header values must stay on one line and printable.
            let value: String = value
                .chars()
                .map(|c| {
                    if c.is_ascii() && !c.is_ascii_control() {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(&value),
            ) {
                resp.headers_mut().append(name, value);
            }
        }
        resp
    }
}

/// Whether a response to this status carries no body at all.
fn bodiless(status: u16) -> bool {
    (100..200).contains(&status) || status == 204 || status == 304
}

/// How a body goes out.
enum Pace {
    /// All at once.
    Whole,
    /// At about this many bytes per second, in ten slices a second (or one
    /// byte per slice for slow rates).
    Trickle(usize),
    /// The first half, then the connection is cut; the full length is announced.
    Cut,
}

/// A response body that announces its full length (hyper sends it as
/// `Content-Length`, for HEAD too) and may go out slowly or be cut short.
struct HubBody {
    rest: Bytes,
    announced: u64,
    slice: usize,
    pause: Duration,
    /// Cut the connection once `rest` is sent.
    cut: bool,
    wait: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl HubBody {
    fn new(body: Vec<u8>, pace: Pace) -> HubBody {
        let mut b = HubBody {
            announced: body.len() as u64,
            slice: body.len().max(1),
            rest: Bytes::from(body),
            pause: Duration::ZERO,
            cut: false,
            wait: None,
        };
        match pace {
            Pace::Whole => {}
            Pace::Trickle(rate) => {
                let rate = rate.max(1);
                b.slice = (rate / 10).max(1);
                b.pause = Duration::from_secs_f64(b.slice as f64 / rate as f64);
            }
            Pace::Cut => {
                b.rest.truncate(b.rest.len() / 2);
                b.announced = b.announced.max(1);
                b.cut = true;
            }
        }
        b
    }
}

impl hyper::body::Body for HubBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        if this.rest.is_empty() && !this.cut {
            return Poll::Ready(None);
        }
        let pause = if this.rest.is_empty() {
            CUT_PAUSE
        } else {
            this.pause
        };
        if !pause.is_zero() {
            let wait = this
                .wait
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(pause)));
            ready!(wait.as_mut().poll(cx));
            this.wait = None;
        }
        if this.rest.is_empty() {
            let cut = io::Error::new(io::ErrorKind::UnexpectedEof, "body cut short");
            return Poll::Ready(Some(Err(cut)));
        }
        let chunk = this.rest.split_to(this.slice.min(this.rest.len()));
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.announced)
    }
}

// The Hub: faults first, then routes.

/// What to do with a request once routed.
enum Action {
    Answer(Response, Pace),
    NeverAnswer,
    Close,
}

/// Records the request, takes its fault if any, and decides the answer.
/// Returns the latency to apply first.
fn dispatch(state: &Mutex<State>, req: &Recorded) -> (Duration, Action) {
    let mut state = lock(state);
    state.count += 1;
    if state.requests.len() < MAX_RECORDED {
        state.requests.push(req.clone());
    }
    let raw_path = req.path();
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
        None => Action::Answer(route(&state, req), Pace::Whole),
        Some(Fault::Status(code)) => {
            Action::Answer(error_response(code, None, "injected fault"), Pace::Whole)
        }
        Some(Fault::TooManyRequests { retry_after_secs }) => Action::Answer(
            error_response(429, None, "Too Many Requests")
                .header("Retry-After", retry_after_secs.to_string()),
            Pace::Whole,
        ),
        Some(Fault::Delay(d)) => {
            return (latency + d, Action::Answer(route(&state, req), Pace::Whole));
        }
        Some(Fault::NeverAnswer) => Action::NeverAnswer,
        Some(Fault::Trickle { bytes_per_sec }) => {
            Action::Answer(route(&state, req), Pace::Trickle(bytes_per_sec))
        }
        Some(Fault::InvalidJson) => {
            let mut r =
                Response::new(200).header("Content-Type", "application/json; charset=utf-8");
            r.body = br#"{"id": "broken", "sha": [tru"#.to_vec();
            Action::Answer(r, Pace::Whole)
        }
        Some(Fault::TruncatedBody) => Action::Answer(route(&state, req), Pace::Cut),
        Some(Fault::RedirectLoop) => {
            Action::Answer(redirect(&format!("{LOOP_PATH}1")), Pace::Whole)
        }
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
            Action::Answer(r, Pace::Whole)
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
fn route(state: &State, req: &Recorded) -> Response {
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
fn file(state: &State, kind: RepoKind, segs: &[&str], req: &Recorded) -> Response {
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
fn serve_content(content: &[u8], commit: &str, req: &Recorded) -> Response {
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
    r.header("X-Error-Message", message)
}

/// Decodes `%XX` escapes; invalid escapes are kept and non-UTF-8 results
/// replaced (lossily). `+` stays `+`, as in paths.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The etag the hub gives `content`: its SHA-1, 40 lowercase hex digits,
/// without quotes.
pub fn etag_of(content: &[u8]) -> String {
    sha1_hex(content)
}

/// SHA-1 of `data` as 40 lowercase hex digits (the git blob ids and etags of
/// fixtures; not for security).
pub fn sha1_hex(data: &[u8]) -> String {
    format!("{:x}", Sha1::digest(data))
}
