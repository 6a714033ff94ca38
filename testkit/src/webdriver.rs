//! A small W3C WebDriver client for the real-window tests and the start-up benchmark:
//! starts `tauri-driver` (which drives WebKitWebDriver), opens a session on a built binary,
//! and offers the few commands the tests use. Blocking HTTP through `ureq`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The key of an element reference in W3C WebDriver answers.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A running `tauri-driver`, stopped when dropped.
pub struct Driver {
    child: Child,
    url: String,
}

/// Two different free TCP ports on the loopback interface (both listeners are held until
/// both ports are known, so the system cannot hand out the same port twice).
fn two_free_ports() -> (u16, u16) {
    let first = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let second = TcpListener::bind("127.0.0.1:0").expect("a free port");
    (first.local_addr().expect("its address").port(), second.local_addr().expect("its address").port())
}

/// Waits until something accepts connections on `port` of the loopback interface.
fn wait_for_listener(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The direct children of process `pid` (Linux `/proc`).
fn children(pid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return found };
    for task in tasks.flatten() {
        let list = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        found.extend(list.split_whitespace().filter_map(|p| p.parse::<u32>().ok()));
    }
    found
}

/// Where `tauri-driver` is: on PATH, or where `cargo install` puts it.
fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match in_cargo_home {
        Some(path) if path.is_file() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

impl Driver {
    /// Starts `tauri-driver` with `env` added to the environment the application inherits.
    pub fn start(env: &[(&str, &Path)]) -> Driver {
        let (port, native_port) = two_free_ports();
        let mut command = Command::new(tauri_driver());
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if Path::new("/usr/bin/WebKitWebDriver").is_file() {
            command.args(["--native-driver", "/usr/bin/WebKitWebDriver"]);
        }
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().unwrap_or_else(|e| {
            panic!(
                "tauri-driver ne démarre pas ({e}) : lancez les tests avec scripts/test.sh, qui l'installe"
            )
        });
        let url = format!("http://127.0.0.1:{port}");
        let driver = Driver { child, url };
        wait_for_listener(port, "tauri-driver");
        // tauri-driver listens as soon as it has spawned WebKitWebDriver, and drops a request
        // it cannot forward yet without an answer: wait for the native driver too.
        wait_for_listener(native_port, "WebKitWebDriver");
        driver
    }

    /// The processes running under `tauri-driver` (WebKitWebDriver, the application and its
    /// WebKit helpers), as (process id, command name).
    pub fn descendants(&self) -> Vec<(u32, String)> {
        let mut found = Vec::new();
        let mut stack = children(self.child.id());
        while let Some(pid) = stack.pop() {
            stack.extend(children(pid));
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            found.push((pid, name.trim().to_string()));
        }
        found
    }

    /// Opens a session, which launches `application` in a new window.
    pub fn session(&self, application: &Path) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": application},
        }}});
        let value = post(&format!("{}/session", self.url), &caps);
        let id = value["sessionId"].as_str().expect("a session id").to_string();
        Session { base: format!("{}/session/{id}", self.url), open: true, screenshots: None }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn answer(response: Result<ureq::Response, ureq::Error>, what: &str) -> Value {
    let body: Value = match response {
        Ok(r) => r.into_json().expect("JSON answer"),
        Err(ureq::Error::Status(code, r)) => {
            let body: Value = r.into_json().unwrap_or(Value::Null);
            panic!("WebDriver {what} failed with HTTP {code}: {body}");
        }
        Err(e) => panic!("WebDriver {what} failed: {e}"),
    };
    body["value"].clone()
}

fn post(url: &str, body: &Value) -> Value {
    answer(ureq::post(url).timeout(Duration::from_secs(120)).send_json(body.clone()), url)
}

/// An element of the page.
#[derive(Clone)]
pub struct Element {
    base: String,
    id: String,
}

/// One application window driven through WebDriver; closed when dropped.
pub struct Session {
    base: String,
    open: bool,
    /// Where [`crate::app::screenshot`] writes this window's named screenshots.
    screenshots: Option<PathBuf>,
}

impl Session {
    fn post(&self, path: &str, body: Value) -> Value {
        post(&format!("{}{path}", self.base), &body)
    }

    fn get(&self, path: &str) -> Value {
        answer(ureq::get(&format!("{}{path}", self.base)).timeout(Duration::from_secs(60)).call(), path)
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
    }

    /// Runs `script` that calls its last argument with the result.
    pub fn execute_async(&self, script: &str, args: Value) -> Value {
        self.post("/execute/async", json!({"script": script, "args": args}))
    }

    /// The first element matching `css`, if any.
    pub fn find(&self, css: &str) -> Option<Element> {
        let found = self.post("/elements", json!({"using": "css selector", "value": css}));
        found.as_array()?.first().map(|e| self.element(e))
    }

    /// Every element matching `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.post("/elements", json!({"using": "css selector", "value": css}));
        found.as_array().map(|a| a.iter().map(|e| self.element(e)).collect()).unwrap_or_default()
    }

    fn element(&self, value: &Value) -> Element {
        let id = value[ELEMENT_KEY].as_str().expect("an element reference").to_string();
        Element { base: self.base.clone(), id }
    }

    /// Waits up to `seconds` for an element matching `css`.
    pub fn wait_for(&self, css: &str, seconds: u64) -> Element {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if let Some(element) = self.find(css) {
                return element;
            }
            assert!(
                Instant::now() < deadline,
                "no element « {css} » after {seconds} s; page text: {}",
                self.page_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits up to `seconds` until `condition` (a JavaScript expression) is true.
    pub fn wait_until(&self, condition: &str, seconds: u64) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let script = format!("return Boolean({condition});");
        while self.execute(&script, json!([])) != Value::Bool(true) {
            assert!(
                Instant::now() < deadline,
                "« {condition} » still false after {seconds} s; page text: {}",
                self.page_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses and releases one key (a WebDriver key code such as `\u{E004}` for Tab).
    pub fn press_key(&self, key: &str) {
        let actions = json!({"actions": [{"type": "key", "id": "clavier", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
        ]}]});
        self.post("/actions", actions);
    }

    /// Resizes the window (the tests use a 1366 × 768 laptop screen).
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height}));
    }

    /// The visible text of the whole page.
    pub fn page_text(&self) -> String {
        self.execute("return document.body ? document.body.innerText : '';", json!([]))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Makes `folder` where this window's named screenshots go ([`crate::app::screenshot`]).
    pub fn set_screenshot_folder(&mut self, folder: &Path) {
        self.screenshots = Some(folder.to_path_buf());
    }

    /// Where this window's named screenshots go, when set.
    pub fn screenshot_folder(&self) -> Option<&Path> {
        self.screenshots.as_deref()
    }

    /// Saves a PNG screenshot of the window to `path`.
    pub fn screenshot(&self, path: &Path) {
        use base64::Engine;
        let data = self.get("/screenshot");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().expect("base64 text"))
            .expect("a base64 PNG");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, bytes).expect("screenshot written");
    }

    /// Closes the window (the application exits).
    pub fn close(mut self) {
        self.end();
    }

    fn end(&mut self) {
        if self.open {
            self.open = false;
            let _ = ureq::delete(&self.base).timeout(Duration::from_secs(30)).call();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.end();
    }
}

impl Element {
    fn post(&self, path: &str, body: Value) -> Value {
        post(&format!("{}/element/{}{path}", self.base, self.id), &body)
    }

    fn get(&self, path: &str) -> Value {
        let url = format!("{}/element/{}{path}", self.base, self.id);
        answer(ureq::get(&url).timeout(Duration::from_secs(60)).call(), path)
    }

    /// Clicks the element.
    pub fn click(&self) {
        self.post("/click", json!({}));
    }

    /// Empties a text field.
    pub fn clear(&self) {
        self.post("/clear", json!({}));
    }

    /// Types `text` into the element.
    pub fn send_keys(&self, text: &str) {
        self.post("/value", json!({"text": text}));
    }

    /// The rendered text of the element.
    pub fn text(&self) -> String {
        self.get("/text").as_str().unwrap_or_default().to_string()
    }

    /// A DOM property (`value`, `checked`…).
    pub fn property(&self, name: &str) -> Value {
        self.get(&format!("/property/{name}"))
    }

    /// An attribute, `None` when absent.
    pub fn attribute(&self, name: &str) -> Option<String> {
        self.get(&format!("/attribute/{name}")).as_str().map(str::to_string)
    }
}
