//! Tests of the mock Hub itself, spoken to with raw HTTP over `TcpStream`:
//! the Hub protocol it adds (routes, revisions, ranges and etags, gating,
//! error codes), its faults, latency and request log, and its lifetime. The
//! HTTP/1.1 plumbing under it (keep-alive, pipelining, `Connection: close`,
//! head limits) is hyper's and is not tested here; nor is the SHA-1 behind
//! the etags, which is RustCrypto's `sha1`.

#[path = "support/hub.rs"]
mod hub;

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use hub::{Fault, Gated, MockHub, RepoSpec, etag_of};
use serde_json::{Value, json};

const SHA: &str = "0123456789abcdef0123456789abcdef01234567";
const README: &[u8] = b"---\nlicense: apache-2.0\n---\n# Tiny model\n";

/// A response as read off the wire.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("body is JSON")
    }
}

/// One keep-alive connection.
struct Conn {
    writer: TcpStream,
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn open(addr: SocketAddr) -> Conn {
        let writer = TcpStream::connect(addr).expect("connect to mock hub");
        writer
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let reader = BufReader::new(writer.try_clone().unwrap());
        Conn { writer, reader }
    }

    fn send(&mut self, method: &str, target: &str, headers: &[(&str, &str)]) {
        let mut req = format!(
            "{method} {target} HTTP/1.1\r\nHost: hub.test\r\nUser-Agent: mock-hub-test\r\n"
        );
        for (name, value) in headers {
            req.push_str(&format!("{name}: {value}\r\n"));
        }
        req.push_str("\r\n");
        self.writer.write_all(req.as_bytes()).unwrap();
    }

    /// Reads a response head and a `Content-Length` body (none for HEAD).
    fn read_reply(&mut self, head_request: bool) -> std::io::Result<Reply> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(ErrorKind::UnexpectedEof.into());
        }
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {line:?}"));
        let mut headers = Vec::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(ErrorKind::UnexpectedEof.into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (n, v) = l.split_once(':').expect("header line");
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
        let mut reply = Reply {
            status,
            headers,
            body: Vec::new(),
        };
        let len: usize = reply
            .header("content-length")
            .map_or(0, |v| v.parse().unwrap());
        if !head_request && status != 304 {
            reply.body = vec![0; len];
            self.reader.read_exact(&mut reply.body)?;
        }
        Ok(reply)
    }

    fn request(&mut self, method: &str, target: &str, headers: &[(&str, &str)]) -> Reply {
        self.send(method, target, headers);
        self.read_reply(method == "HEAD").expect("read reply")
    }

    /// True once the server has closed its side (EOF within the read timeout).
    fn closed_by_server(&mut self) -> bool {
        let mut byte = [0u8; 1];
        matches!(self.reader.read(&mut byte), Ok(0))
    }
}

fn get(hub: &MockHub, target: &str, headers: &[(&str, &str)]) -> Reply {
    Conn::open(hub.addr()).request("GET", target, headers)
}

fn tiny_model() -> RepoSpec {
    RepoSpec::model("org/tiny")
        .sha(SHA)
        .revision("v1.0")
        .revision("refs/pr/1")
        .tag("license:apache-2.0")
        .card_data(json!({ "license": "apache-2.0", "base_model": ["org/base"] }))
        .file("README.md", README)
        .file("weights/model.gguf", b"GGUF\x03\0\0\0".to_vec())
}

fn hub_with_tiny() -> MockHub {
    let hub = MockHub::start();
    hub.add_repo(tiny_model());
    hub
}

#[test]
fn info_answers_by_main_sha_short_sha_tag_and_pr_ref() {
    let hub = hub_with_tiny();
    for target in [
        "/api/models/org/tiny",
        "/api/models/org/tiny/revision/main",
        &format!("/api/models/org/tiny/revision/{SHA}"),
        "/api/models/org/tiny/revision/0123456",
        "/api/models/org/tiny/revision/v1.0",
        "/api/models/org/tiny/revision/refs%2Fpr%2F1",
        "/api/models/org/tiny/revision/refs/pr/1",
    ] {
        let r = get(&hub, target, &[]);
        assert_eq!(r.status, 200, "{target}");
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
        let info = r.json();
        assert_eq!(info["id"], "org/tiny");
        assert_eq!(info["modelId"], "org/tiny");
        assert_eq!(info["sha"], SHA);
        assert_eq!(info["gated"], false);
        assert_eq!(info["tags"], json!(["license:apache-2.0"]));
        assert_eq!(info["cardData"]["license"], "apache-2.0");
        assert_eq!(
            info["siblings"],
            json!([{ "rfilename": "README.md" }, { "rfilename": "weights/model.gguf" }])
        );
    }
}

#[test]
fn info_with_blobs_lists_sizes_and_blob_ids() {
    let hub = hub_with_tiny();
    let info = get(&hub, "/api/models/org/tiny/revision/main?blobs=true", &[]).json();
    assert_eq!(info["siblings"][0]["size"], README.len());
    assert_eq!(info["siblings"][0]["blobId"], etag_of(README));
}

#[test]
fn datasets_have_their_own_routes() {
    let hub = MockHub::start();
    hub.add_repo(RepoSpec::dataset("org/data").file("README.md", "# data"));
    let info = get(&hub, "/api/datasets/org/data/revision/main", &[]);
    assert_eq!(info.status, 200);
    assert_eq!(info.json()["id"], "org/data");
    assert!(info.json().get("modelId").is_none());
    let file = get(&hub, "/datasets/org/data/resolve/main/README.md", &[]);
    assert_eq!(file.status, 200);
    assert_eq!(file.body, b"# data");
    // A dataset is not a model.
    let as_model = get(&hub, "/api/models/org/data", &[]);
    assert_eq!(as_model.status, 404);
}

#[test]
fn missing_card_data_is_left_out() {
    let hub = MockHub::start();
    hub.add_repo(RepoSpec::model("org/bare"));
    let info = get(&hub, "/api/models/org/bare", &[]).json();
    assert!(info.get("cardData").is_none());
    assert_eq!(info["sha"].as_str().unwrap().len(), 40);
    assert_eq!(info["siblings"], json!([]));
}

#[test]
fn unknown_repo_revision_and_file_are_404_with_error_codes() {
    let hub = hub_with_tiny();
    let cases = [
        ("/api/models/org/nope/revision/main", "RepoNotFound"),
        ("/org/nope/resolve/main/README.md", "RepoNotFound"),
        ("/api/models/org/tiny/revision/v9", "RevisionNotFound"),
        ("/org/tiny/resolve/v9/README.md", "RevisionNotFound"),
        ("/org/tiny/resolve/main/LICENSE", "EntryNotFound"),
    ];
    for (target, code) in cases {
        let r = get(&hub, target, &[]);
        assert_eq!(r.status, 404, "{target}");
        assert_eq!(r.header("x-error-code"), Some(code), "{target}");
        assert!(r.json()["error"].is_string(), "{target}");
    }
    let entry = get(&hub, "/org/tiny/resolve/main/LICENSE", &[]);
    assert_eq!(entry.header("x-repo-commit"), Some(SHA));
}

#[test]
fn resolve_range_0_0_then_rest_like_hf_hub() {
    let hub = hub_with_tiny();
    let mut conn = Conn::open(hub.addr());
    let first = conn.request(
        "GET",
        "/org/tiny/resolve/main/README.md",
        &[("Range", "bytes=0-0")],
    );
    assert_eq!(first.status, 206);
    let etag = first.header("etag").unwrap();
    assert_eq!(etag, format!("\"{}\"", etag_of(README)));
    let bare = etag.trim_matches('"');
    assert_eq!(bare.len(), 40);
    assert!(bare.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(first.header("x-repo-commit"), Some(SHA));
    assert_eq!(
        first.header("content-range"),
        Some(format!("bytes 0-0/{}", README.len()).as_str())
    );
    assert_eq!(first.body, &README[..1]);

    let rest = conn.request(
        "GET",
        "/org/tiny/resolve/main/README.md",
        &[("Range", "bytes=1-")],
    );
    assert_eq!(rest.status, 206);
    assert_eq!(
        rest.header("content-range"),
        Some(format!("bytes 1-{}/{}", README.len() - 1, README.len()).as_str())
    );
    assert_eq!(rest.body, &README[1..]);

    let whole = conn.request("GET", "/org/tiny/resolve/main/README.md", &[]);
    assert_eq!(whole.status, 200);
    assert_eq!(whole.body, README);
    assert_eq!(whole.header("etag"), Some(etag));
}

#[test]
fn resolve_by_sha_encoded_pr_ref_and_nested_path() {
    let hub = hub_with_tiny();
    for target in [
        format!("/org/tiny/resolve/{SHA}/README.md"),
        "/org/tiny/resolve/refs%2Fpr%2F1/README.md".to_string(),
        "/org/tiny/resolve/refs/pr/1/README.md".to_string(),
    ] {
        let r = get(&hub, &target, &[]);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.body, README);
    }
    let nested = get(&hub, "/org/tiny/resolve/v1.0/weights/model.gguf", &[]);
    assert_eq!(nested.status, 200);
    assert_eq!(&nested.body[..4], b"GGUF");
}

#[test]
fn head_gives_headers_without_body_and_unsatisfiable_range_is_416() {
    let hub = hub_with_tiny();
    let mut conn = Conn::open(hub.addr());
    let head = conn.request("HEAD", "/org/tiny/resolve/main/README.md", &[]);
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("content-length"),
        Some(README.len().to_string().as_str())
    );
    assert_eq!(head.header("x-repo-commit"), Some(SHA));
    assert!(head.header("etag").is_some());
    // The connection is still in sync: no body was sent after the HEAD.
    let etag = head.header("etag").unwrap().to_string();
    let not_modified = conn.request(
        "GET",
        "/org/tiny/resolve/main/README.md",
        &[("If-None-Match", &etag)],
    );
    assert_eq!(not_modified.status, 304);
    let past_end = format!("bytes={}-", README.len());
    let bad = conn.request(
        "GET",
        "/org/tiny/resolve/main/README.md",
        &[("Range", &past_end)],
    );
    assert_eq!(bad.status, 416);
    assert_eq!(
        bad.header("content-range"),
        Some(format!("bytes */{}", README.len()).as_str())
    );
}

#[test]
fn gated_repo_info_is_public_files_need_an_approved_token() {
    let hub = MockHub::start();
    hub.add_repo(
        RepoSpec::model("meta/gated")
            .gated(Gated::Manual)
            .file("README.md", README),
    );
    let info = get(&hub, "/api/models/meta/gated/revision/main", &[]);
    assert_eq!(info.status, 200);
    assert_eq!(info.json()["gated"], "manual");

    let file = "/meta/gated/resolve/main/README.md";
    let anonymous = get(&hub, file, &[("Range", "bytes=0-0")]);
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.header("x-error-code"), Some("GatedRepo"));
    assert!(anonymous.json()["error"].is_string());

    let stranger = get(&hub, file, &[("Authorization", "Bearer hf_stranger")]);
    assert_eq!(stranger.status, 403);
    assert_eq!(stranger.header("x-error-code"), Some("GatedRepo"));

    hub.approve_token("hf_approved");
    let approved = get(&hub, file, &[("Authorization", "Bearer hf_approved")]);
    assert_eq!(approved.status, 200);
    assert_eq!(approved.body, README);
}

#[test]
fn auto_gated_repo_accepts_any_token() {
    let hub = MockHub::start();
    hub.add_repo(
        RepoSpec::model("org/auto")
            .gated(Gated::Auto)
            .file("a", "x"),
    );
    assert_eq!(
        get(&hub, "/api/models/org/auto", &[]).json()["gated"],
        "auto"
    );
    assert_eq!(get(&hub, "/org/auto/resolve/main/a", &[]).status, 401);
    let r = get(
        &hub,
        "/org/auto/resolve/main/a",
        &[("Authorization", "Bearer t")],
    );
    assert_eq!(r.status, 200);
}

#[test]
fn pushed_faults_are_consumed_in_order_then_service_resumes() {
    let hub = hub_with_tiny();
    hub.push_fault("/api/models/org/tiny", Fault::Status(500));
    hub.push_fault("/api/models/org/tiny", Fault::Status(503));
    // A fault for another prefix does not affect these requests.
    hub.push_fault("/org/tiny/resolve", Fault::Status(502));
    let mut conn = Conn::open(hub.addr());
    let target = "/api/models/org/tiny/revision/main";
    assert_eq!(conn.request("GET", target, &[]).status, 500);
    assert_eq!(conn.request("GET", target, &[]).status, 503);
    let ok = conn.request("GET", target, &[]);
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["sha"], SHA);
    assert_eq!(hub.pending_faults(), 1);
    let file = conn.request("GET", "/org/tiny/resolve/main/README.md", &[]);
    assert_eq!(file.status, 502);
    assert_eq!(hub.pending_faults(), 0);
}

#[test]
fn fault_prefix_matches_the_decoded_path_too() {
    let hub = hub_with_tiny();
    hub.push_fault(
        "/api/models/org/tiny/revision/refs/pr/1",
        Fault::Status(500),
    );
    let r = get(&hub, "/api/models/org/tiny/revision/refs%2Fpr%2F1", &[]);
    assert_eq!(r.status, 500);
}

#[test]
fn too_many_requests_has_retry_after() {
    let hub = hub_with_tiny();
    hub.push_fault(
        "/",
        Fault::TooManyRequests {
            retry_after_secs: 7,
        },
    );
    let r = get(&hub, "/api/models/org/tiny", &[]);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("7"));
    assert_eq!(get(&hub, "/api/models/org/tiny", &[]).status, 200);
}

#[test]
fn latency_and_delay_are_applied() {
    let hub = hub_with_tiny();
    hub.set_latency(Duration::from_millis(150));
    let start = Instant::now();
    assert_eq!(get(&hub, "/api/models/org/tiny", &[]).status, 200);
    assert!(start.elapsed() >= Duration::from_millis(150));

    hub.set_latency(Duration::ZERO);
    hub.push_fault("/api", Fault::Delay(Duration::from_millis(200)));
    let start = Instant::now();
    assert_eq!(get(&hub, "/api/models/org/tiny", &[]).status, 200);
    assert!(start.elapsed() >= Duration::from_millis(200));
}

#[test]
fn requests_are_counted_and_recorded_with_headers() {
    let hub = hub_with_tiny();
    get(
        &hub,
        "/api/models/org/tiny",
        &[("Authorization", "Bearer hf_secret")],
    );
    get(&hub, "/org/tiny/resolve/main/README.md?x=1", &[]);
    assert_eq!(hub.request_count(), 2);
    let reqs = hub.requests();
    assert_eq!(reqs[0].method, "GET");
    assert_eq!(reqs[0].target, "/api/models/org/tiny");
    assert_eq!(reqs[0].header("Authorization"), Some("Bearer hf_secret"));
    assert_eq!(reqs[0].header("user-agent"), Some("mock-hub-test"));
    assert_eq!(reqs[1].path(), "/org/tiny/resolve/main/README.md");
    assert_eq!(reqs[1].query(), Some("x=1"));
    assert_eq!(reqs[1].header("authorization"), None);
    assert_eq!(hub.requests_to("/org/").len(), 1);

    hub.reset_counts();
    assert_eq!(hub.request_count(), 0);
    assert!(hub.requests().is_empty());
}

#[test]
fn invalid_json_fault_sends_unparseable_json() {
    let hub = hub_with_tiny();
    hub.push_fault("/api", Fault::InvalidJson);
    let r = get(&hub, "/api/models/org/tiny", &[]);
    assert_eq!(r.status, 200);
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());
}

#[test]
fn truncated_body_announces_more_than_it_sends() {
    let hub = hub_with_tiny();
    hub.push_fault("/org/tiny/resolve", Fault::TruncatedBody);
    let mut conn = Conn::open(hub.addr());
    conn.send("GET", "/org/tiny/resolve/main/README.md", &[]);
    let err = conn.read_reply(false).err().expect("body is cut short");
    assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
    // The next connection gets normal service.
    assert_eq!(
        get(&hub, "/org/tiny/resolve/main/README.md", &[]).body,
        README
    );
}

#[test]
fn close_connection_fault_sends_nothing() {
    let hub = hub_with_tiny();
    hub.push_fault("/api", Fault::CloseConnection);
    let mut conn = Conn::open(hub.addr());
    conn.send("GET", "/api/models/org/tiny", &[]);
    assert!(conn.closed_by_server());
}

#[test]
fn never_answer_holds_the_connection_until_the_hub_drops() {
    let hub = hub_with_tiny();
    hub.push_fault("/api", Fault::NeverAnswer);
    let mut conn = Conn::open(hub.addr());
    conn.writer
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    conn.send("GET", "/api/models/org/tiny", &[]);
    let mut byte = [0u8; 1];
    let err = conn.reader.read(&mut byte).expect_err("no answer");
    assert!(matches!(
        err.kind(),
        ErrorKind::WouldBlock | ErrorKind::TimedOut
    ));
    drop(hub);
    conn.writer
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    assert!(conn.closed_by_server());
}

#[test]
fn trickle_sends_the_body_slowly() {
    let hub = hub_with_tiny();
    hub.push_fault("/org", Fault::Trickle { bytes_per_sec: 100 });
    let start = Instant::now();
    let r = get(&hub, "/org/tiny/resolve/main/README.md", &[]);
    assert_eq!(r.body, README);
    // 43 bytes at 100 bytes/s.
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[test]
fn redirect_to_points_elsewhere_with_file_metadata() {
    let cdn = MockHub::start();
    cdn.add_repo(tiny_model());
    let hub = hub_with_tiny();
    let target = "/org/tiny/resolve/main/README.md";
    let location = format!("{}{target}", cdn.endpoint());
    hub.push_fault("/org/tiny/resolve", Fault::RedirectTo(location.clone()));
    let r = get(
        &hub,
        target,
        &[
            ("Authorization", "Bearer hf_secret"),
            ("Range", "bytes=0-0"),
        ],
    );
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some(location.as_str()));
    assert_eq!(r.header("x-repo-commit"), Some(SHA));
    assert_eq!(
        r.header("x-linked-etag"),
        Some(format!("\"{}\"", etag_of(README)).as_str())
    );
    assert_eq!(
        r.header("x-linked-size"),
        Some(README.len().to_string().as_str())
    );
    // Following it by hand, as a careful client would: without the token.
    let followed = get(&cdn, target, &[("Range", "bytes=0-0")]);
    assert_eq!(followed.status, 206);
    assert!(cdn.requests()[0].header("authorization").is_none());
}

#[test]
fn redirect_loop_keeps_redirecting_on_the_same_host() {
    let hub = hub_with_tiny();
    hub.push_fault("/api", Fault::RedirectLoop);
    let mut conn = Conn::open(hub.addr());
    let mut target = "/api/models/org/tiny".to_string();
    for _ in 0..5 {
        let r = conn.request("GET", &target, &[]);
        assert_eq!(r.status, 302);
        let next = r.header("location").unwrap();
        assert!(next.starts_with('/'), "relative location {next}");
        assert_ne!(next, target);
        target = next.to_string();
    }
    let end = conn.request("GET", "/__mock/redirect-loop/1000", &[]);
    assert_eq!(end.status, 508);
}

#[test]
fn dropping_the_hub_closes_the_port() {
    let hub = hub_with_tiny();
    let addr = hub.addr();
    let mut idle = Conn::open(addr);
    assert_eq!(idle.request("GET", "/api/models/org/tiny", &[]).status, 200);
    drop(hub);
    assert!(idle.closed_by_server());
    assert!(TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err());
}

#[test]
fn endpoint_localhost_reaches_the_same_hub() {
    let hub = hub_with_tiny();
    let localhost = hub.endpoint_localhost();
    let port: u16 = localhost.rsplit(':').next().unwrap().parse().unwrap();
    assert_eq!(port, hub.addr().port());
    let stream = TcpStream::connect(("localhost", port)).expect("localhost resolves to the hub");
    let addr = stream.peer_addr().unwrap();
    drop(stream);
    let r = Conn::open(addr).request("GET", "/api/models/org/tiny", &[("Host", "localhost")]);
    assert_eq!(r.status, 200);
}
