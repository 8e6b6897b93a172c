//! A small stand-in for the GitHub Actions runner, enough to run the `run:`
//! steps of annals' workflows on this machine as GitHub would: in order,
//! each in its own bash with the `env:` of the workflow, the job and the
//! step, `${{ … }}` expressions substituted from known values, `if:`
//! conditions evaluated, and `$GITHUB_PATH`, `$GITHUB_ENV` and
//! `$GITHUB_OUTPUT` read back after each step. A `uses:` step is handed to
//! the caller, which stands in for the action.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_yaml::Value;

/// A parsed workflow file.
pub(crate) struct Workflow {
    /// The whole document.
    pub(crate) yaml: Value,
}

impl Workflow {
    /// Reads and parses a workflow file.
    pub(crate) fn read(path: &Path) -> Workflow {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let yaml =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Workflow { yaml }
    }

    /// The steps of a job.
    pub(crate) fn steps(&self, job: &str) -> &[Value] {
        self.yaml["jobs"][job]["steps"]
            .as_sequence()
            .unwrap_or_else(|| panic!("no steps in job {job}"))
    }

    /// The step of a job with this name.
    pub(crate) fn step(&self, job: &str, name: &str) -> &Value {
        self.steps(job)
            .iter()
            .find(|step| step["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("no step {name:?} in job {job}"))
    }

    /// The string values of a mapping such as `env:`.
    fn map(value: &Value) -> Vec<(String, String)> {
        let Some(mapping) = value.as_mapping() else {
            return Vec::new();
        };
        mapping
            .iter()
            .map(|(key, value)| (scalar(key), scalar(value)))
            .collect()
    }

    /// The default shell for `run:` steps of a job.
    fn shell(&self, job: &str) -> Option<String> {
        let job_default = &self.yaml["jobs"][job]["defaults"]["run"]["shell"];
        let default = &self.yaml["defaults"]["run"]["shell"];
        job_default
            .as_str()
            .or(default.as_str())
            .map(str::to_string)
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        other => panic!("not a scalar: {other:?}"),
    }
}

/// What one step did.
pub(crate) struct Ran {
    /// The step's name.
    pub(crate) name: String,
    /// The shell's exit status and output; `None` for a skipped step or a
    /// `uses:` step.
    pub(crate) output: Option<Output>,
}

impl Ran {
    /// Whether the step failed.
    pub(crate) fn failed(&self) -> bool {
        self.output
            .as_ref()
            .is_some_and(|out| !out.status.success())
    }

    /// Its standard output and error, for messages.
    pub(crate) fn log(&self) -> String {
        self.output.as_ref().map_or(String::new(), |out| {
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }
}

/// The runner: a workspace, a home, a PATH and the values expressions read.
pub(crate) struct Runner {
    workspace: PathBuf,
    scratch: PathBuf,
    path: Vec<PathBuf>,
    overrides: BTreeMap<String, String>,
    added_env: BTreeMap<String, String>,
    context: BTreeMap<String, String>,
    outputs: BTreeMap<String, BTreeMap<String, String>>,
}

impl Runner {
    /// A runner whose steps start in `workspace`, with `$HOME` and
    /// `$RUNNER_TEMP` under `scratch` and this PATH.
    pub(crate) fn new(workspace: &Path, scratch: &Path, path: Vec<PathBuf>) -> Runner {
        for dir in ["home", "temp", "files"] {
            fs::create_dir_all(scratch.join(dir)).unwrap();
        }
        Runner {
            workspace: workspace.to_path_buf(),
            scratch: scratch.to_path_buf(),
            path,
            overrides: BTreeMap::new(),
            added_env: BTreeMap::new(),
            context: BTreeMap::new(),
            outputs: BTreeMap::new(),
        }
    }

    /// `$HOME` of the steps.
    pub(crate) fn home(&self) -> PathBuf {
        self.scratch.join("home")
    }

    /// Gives an expression such as `github.ref_name` a value.
    pub(crate) fn set_context(&mut self, key: &str, value: &str) {
        self.context.insert(key.into(), value.into());
    }

    /// Replaces a value of the workflow's `env:`, as a fork of it would.
    pub(crate) fn override_env(&mut self, key: &str, value: &str) {
        self.overrides.insert(key.into(), value.into());
    }

    /// Sets the outputs of a step with `id:`, as its action would.
    pub(crate) fn set_outputs(&mut self, id: &str, outputs: &[(&str, &str)]) {
        let map = self.outputs.entry(id.into()).or_default();
        for (key, value) in outputs {
            map.insert((*key).into(), (*value).into());
        }
    }

    /// Runs the steps of `job` in order until one fails; `uses` stands in
    /// for each action step.
    pub(crate) fn run_job(
        &mut self,
        workflow: &Workflow,
        job: &str,
        mut uses: impl FnMut(&mut Runner, &str, &Value),
    ) -> Vec<Ran> {
        let mut ran = Vec::new();
        for step in workflow.steps(job) {
            let name = step["name"].as_str().unwrap_or("(unnamed)").to_string();
            if let Some(action) = step["uses"].as_str() {
                if self.condition(step) {
                    uses(self, action, step);
                }
                ran.push(Ran { name, output: None });
                continue;
            }
            let step_ran = self.run_step(workflow, job, step);
            let failed = step_ran.failed();
            ran.push(step_ran);
            if failed {
                break;
            }
        }
        ran
    }

    /// Runs one `run:` step of `job`, unless its `if:` is false.
    pub(crate) fn run_step(&mut self, workflow: &Workflow, job: &str, step: &Value) -> Ran {
        let name = step["name"].as_str().unwrap_or("(unnamed)").to_string();
        if !self.condition(step) {
            return Ran { name, output: None };
        }
        let script = step["run"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no run"));
        assert!(
            !script.contains("${{"),
            "{name}: an expression inside run: is a script injection; pass it through env:"
        );
        let env = self.step_env(workflow, job, step);
        let shell = step["shell"]
            .as_str()
            .map(str::to_string)
            .or(workflow.shell(job));
        let output = self.bash(shell.as_deref(), script, &env, step, &name);
        self.read_back(step);
        Ran {
            name,
            output: Some(output),
        }
    }

    /// Runs a command line with the PATH and home the steps get.
    pub(crate) fn shell(&self, command: &str) -> Output {
        self.command(&BTreeMap::new())
            .args(["-c", command])
            .output()
            .unwrap()
    }

    fn step_env(&self, workflow: &Workflow, job: &str, step: &Value) -> BTreeMap<String, String> {
        let mut env = BTreeMap::new();
        for (key, value) in Workflow::map(&workflow.yaml["env"]) {
            let value = self.overrides.get(&key).cloned().unwrap_or(value);
            env.insert(key, value);
        }
        env.extend(self.added_env.clone());
        for scope in [&workflow.yaml["jobs"][job]["env"], &step["env"]] {
            for (key, value) in Workflow::map(scope) {
                let value = self.substitute(&value, &env);
                env.insert(key, value);
            }
        }
        env
    }

    fn bash(
        &self,
        shell: Option<&str>,
        script: &str,
        env: &BTreeMap<String, String>,
        step: &Value,
        name: &str,
    ) -> Output {
        let flags: &[&str] = match shell {
            Some("bash") => &["--noprofile", "--norc", "-eo", "pipefail"],
            None => &["-e"],
            Some(other) => panic!("{name}: shell {other} is not run here"),
        };
        let file = self.scratch.join("files/step.sh");
        fs::write(&file, script).unwrap();
        for name in ["path", "env", "output"] {
            fs::write(self.scratch.join("files").join(name), "").unwrap();
        }
        let mut command = self.command(env);
        command.args(flags).arg(&file);
        if let Some(dir) = step["working-directory"].as_str() {
            command.current_dir(self.workspace.join(dir));
        }
        command.output().unwrap()
    }

    fn command(&self, env: &BTreeMap<String, String>) -> Command {
        let files = self.scratch.join("files");
        let mut command = Command::new("bash");
        command
            .env_clear()
            .current_dir(&self.workspace)
            .env("PATH", std::env::join_paths(&self.path).unwrap())
            .env("HOME", self.home())
            .env("RUNNER_TEMP", self.scratch.join("temp"))
            .env("GITHUB_WORKSPACE", &self.workspace)
            .env("GITHUB_PATH", files.join("path"))
            .env("GITHUB_ENV", files.join("env"))
            .env("GITHUB_OUTPUT", files.join("output"))
            .env("GITHUB_ACTIONS", "true")
            .env("CI", "true")
            .envs(env);
        command
    }

    /// Applies what the step wrote to `$GITHUB_PATH`, `$GITHUB_ENV` and
    /// `$GITHUB_OUTPUT`.
    fn read_back(&mut self, step: &Value) {
        let files = self.scratch.join("files");
        let read = |name: &str| fs::read_to_string(files.join(name)).unwrap_or_default();
        for line in read("path").lines().filter(|line| !line.is_empty()) {
            self.path.insert(0, PathBuf::from(line));
        }
        for line in read("env").lines() {
            let (key, value) = line.split_once('=').expect("KEY=VALUE in $GITHUB_ENV");
            self.added_env.insert(key.into(), value.into());
        }
        let id = step["id"].as_str().unwrap_or_default().to_string();
        for line in read("output").lines() {
            let (key, value) = line.split_once('=').expect("KEY=VALUE in $GITHUB_OUTPUT");
            self.set_outputs(&id, &[(key, value)]);
        }
    }

    /// Replaces every `${{ … }}` of `text`.
    fn substitute(&self, text: &str, env: &BTreeMap<String, String>) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            let end = start + rest[start..].find("}}").expect("an unclosed ${{");
            out.push_str(&rest[..start]);
            out.push_str(&self.value(rest[start + 3..end].trim(), env));
            rest = &rest[end + 2..];
        }
        out + rest
    }

    /// The value of a context expression; panics on one not known here.
    fn value(&self, expression: &str, env: &BTreeMap<String, String>) -> String {
        let parts: Vec<&str> = expression.split('.').collect();
        let found = match parts.as_slice() {
            ["steps", id, "outputs", key] => self.outputs.get(*id).and_then(|o| o.get(*key)),
            ["env", key] => env.get(*key),
            _ => self.context.get(expression),
        };
        found
            .unwrap_or_else(|| panic!("the test has no value for ${{{{ {expression} }}}}"))
            .clone()
    }

    /// Evaluates a step's `if:` (`a == 'b'`, `a != 'b'`, `!a`, `a`).
    fn condition(&self, step: &Value) -> bool {
        let Some(condition) = step["if"].as_str() else {
            return true;
        };
        let condition = condition.trim();
        let condition = condition
            .strip_prefix("${{")
            .and_then(|c| c.strip_suffix("}}"))
            .unwrap_or(condition)
            .trim();
        let env = BTreeMap::new();
        let literal = |text: &str| text.trim().trim_matches('\'').to_string();
        if let Some((left, right)) = condition.split_once("!=") {
            return self.value(left.trim(), &env) != literal(right);
        }
        if let Some((left, right)) = condition.split_once("==") {
            return self.value(left.trim(), &env) == literal(right);
        }
        let truthy = |value: String| !value.is_empty() && value != "false";
        match condition.strip_prefix('!') {
            Some(inner) => !truthy(self.value(inner.trim(), &env)),
            None => truthy(self.value(condition, &env)),
        }
    }
}
