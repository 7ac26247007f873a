//! The demo's data: users, templates and workspaces, and the rules a change must follow.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;
use workspaces_server::Validation;
use workspaces_server::types::{
    BuildReason, ProvisionerJob, ProvisionerJobStatus, Workspace, WorkspaceAgent,
    WorkspaceAgentLifecycle, WorkspaceAgentStatus, WorkspaceBuild, WorkspaceResource,
    WorkspaceStatus, WorkspaceTransition,
};

/// A user who can own workspaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub name: String,
}

/// A template workspaces are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: Uuid,
    pub name: String,
    pub display_name: String,
    pub icon: String,
}

/// The id of the seeded `docker` template.
pub const DOCKER_TEMPLATE: Uuid = Uuid::from_u128(0x0d0c_4e50_0000_4000_8000_0000_0000_0001);
/// The id of the seeded `kubernetes` template.
pub const KUBERNETES_TEMPLATE: Uuid = Uuid::from_u128(0x0d0c_4e50_0000_4000_8000_0000_0000_0002);
/// The organization of the seeded workspaces.
pub const ORGANIZATION: Uuid = Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_00a1);
/// The id of `alice`, the seeded user who is not the caller.
pub const ALICE: Uuid = Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0a11);

/// The name of the caller's seeded workspace, which is deleted.
pub const DELETED: &str = "old-sandbox";

/// A default deadline: eight hours after a build.
const DEFAULT_DEADLINE_HOURS: i64 = 8;
const MIN_TTL_MS: i64 = 60 * 1000;
const MAX_TTL_MS: i64 = 7 * 24 * 60 * 60 * 1000;

#[derive(Debug, Default)]
pub struct Store {
    pub users: Vec<User>,
    pub templates: Vec<Template>,
    /// Every workspace ever created, deleted ones included, in creation order.
    pub workspaces: Vec<Workspace>,
}

impl Store {
    /// The caller, `alice`, two templates, a workspace of `alice`'s and a deleted one of the
    /// caller's.
    pub fn seeded(caller: User) -> Self {
        let mut store = Store {
            users: vec![
                caller,
                User {
                    id: ALICE,
                    name: "alice".to_owned(),
                },
            ],
            templates: vec![
                Template {
                    id: DOCKER_TEMPLATE,
                    name: "docker".to_owned(),
                    display_name: "Docker".to_owned(),
                    icon: "/icon/docker.png".to_owned(),
                },
                Template {
                    id: KUBERNETES_TEMPLATE,
                    name: "kubernetes".to_owned(),
                    display_name: "Kubernetes".to_owned(),
                    icon: "/icon/k8s.png".to_owned(),
                },
            ],
            workspaces: Vec::new(),
        };
        let alice = store.users[1].clone();
        let template = store.templates[1].clone();
        let workspace = new_workspace(&alice, ORGANIZATION, &template, "alice-dev", None, None);
        store.workspaces.push(workspace);
        let caller = store.users[0].clone();
        let template = store.templates[0].clone();
        let mut deleted = new_workspace(&caller, ORGANIZATION, &template, DELETED, None, None);
        if let Some(build) = &mut deleted.latest_build {
            build.status = Some(WorkspaceStatus::Deleted);
            build.transition = Some(WorkspaceTransition::Delete);
            build.deadline = None;
            build.build_number = Some(2);
        }
        store.workspaces.push(deleted);
        store
    }

    /// A user by `me`, name or id.
    pub fn user(&self, caller: &User, given: &str) -> Option<&User> {
        if given == "me" {
            return self.users.iter().find(|u| u.id == caller.id);
        }
        match Uuid::parse_str(given) {
            Ok(id) => self.users.iter().find(|u| u.id == id),
            Err(_) => self
                .users
                .iter()
                .find(|u| u.name.eq_ignore_ascii_case(given)),
        }
    }

    pub fn template(&self, id: Uuid) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// A workspace by id; deleted ones only when asked for.
    pub fn find(&self, id: Uuid, include_deleted: bool) -> Option<&Workspace> {
        self.workspaces
            .iter()
            .find(|w| w.id == Some(id) && (include_deleted || !is_deleted(w)))
    }

    /// A workspace by id, to change; deleted ones only when asked for.
    pub fn get(&mut self, id: Uuid, include_deleted: bool) -> Option<&mut Workspace> {
        self.workspaces
            .iter_mut()
            .find(|w| w.id == Some(id) && (include_deleted || !is_deleted(w)))
    }

    /// The live workspace of `owner` named `name`, or the latest deleted one when asked for.
    pub fn by_name(&self, owner: Uuid, name: &str, include_deleted: bool) -> Option<&Workspace> {
        let mine = |w: &&Workspace| w.owner_id == Some(owner) && w.name.as_deref() == Some(name);
        let live = self.workspaces.iter().filter(mine).find(|w| !is_deleted(w));
        live.or_else(|| {
            include_deleted
                .then(|| self.workspaces.iter().rev().find(mine))
                .flatten()
        })
    }

    /// Whether `owner` has a live workspace named `name` other than `except`.
    pub fn name_taken(&self, owner: Uuid, name: &str, except: Option<Uuid>) -> bool {
        self.workspaces.iter().any(|w| {
            w.owner_id == Some(owner)
                && w.name.as_deref() == Some(name)
                && !is_deleted(w)
                && w.id != except
        })
    }
}

pub fn is_deleted(workspace: &Workspace) -> bool {
    status(workspace) == Some(&WorkspaceStatus::Deleted)
}

pub fn status(workspace: &Workspace) -> Option<&WorkspaceStatus> {
    workspace.latest_build.as_ref()?.status.as_ref()
}

/// The agent statuses of a workspace.
pub fn agent_statuses(workspace: &Workspace) -> impl Iterator<Item = &WorkspaceAgentStatus> {
    workspace
        .latest_build
        .iter()
        .flat_map(|b| b.resources.iter().flatten())
        .flat_map(|r| r.agents.iter().flatten())
        .filter_map(|a| a.status.as_ref())
}

/// A running workspace, just built.
pub fn new_workspace(
    owner: &User,
    organization: Uuid,
    template: &Template,
    name: &str,
    ttl_ms: Option<i64>,
    autostart_schedule: Option<String>,
) -> Workspace {
    let now = Utc::now();
    let id = Uuid::new_v4();
    let job = ProvisionerJob {
        id: Some(Uuid::new_v4()),
        created_at: Some(now),
        started_at: Some(now),
        completed_at: Some(now),
        status: Some(ProvisionerJobStatus::Succeeded),
        ..Default::default()
    };
    let agent = WorkspaceAgent {
        id: Some(Uuid::new_v4()),
        name: Some("main".to_owned()),
        architecture: Some("amd64".to_owned()),
        operating_system: Some("linux".to_owned()),
        created_at: Some(now),
        first_connected_at: Some(now),
        last_connected_at: Some(now),
        status: Some(WorkspaceAgentStatus::Connected),
        lifecycle_state: Some(WorkspaceAgentLifecycle::Ready),
        ..Default::default()
    };
    let resource = WorkspaceResource {
        id: Some(Uuid::new_v4()),
        job_id: job.id,
        name: Some("dev".to_owned()),
        r#type: Some("docker_container".to_owned()),
        created_at: Some(now),
        agents: Some(vec![agent]),
        workspace_transition: Some(WorkspaceTransition::Start),
        ..Default::default()
    };
    let deadline = now
        + ttl_ms
            .map(Duration::milliseconds)
            .unwrap_or(Duration::hours(DEFAULT_DEADLINE_HOURS));
    let build = WorkspaceBuild {
        id: Some(Uuid::new_v4()),
        build_number: Some(1),
        created_at: Some(now),
        updated_at: Some(now),
        deadline: Some(deadline),
        max_deadline: Some(now + Duration::days(1)),
        initiator_id: Some(owner.id),
        initiator_name: Some(owner.name.clone()),
        job: Some(job),
        reason: Some(BuildReason::Initiator),
        resources: Some(vec![resource]),
        status: Some(WorkspaceStatus::Running),
        transition: Some(WorkspaceTransition::Start),
        workspace_id: Some(id),
        workspace_name: Some(name.to_owned()),
        workspace_owner_id: Some(owner.id),
        workspace_owner_name: Some(owner.name.clone()),
        ..Default::default()
    };
    Workspace {
        id: Some(id),
        name: Some(name.to_owned()),
        created_at: Some(now),
        updated_at: Some(now),
        last_used_at: Some(now),
        organization_id: Some(organization),
        owner_id: Some(owner.id),
        owner_name: Some(owner.name.clone()),
        template_id: Some(template.id),
        template_name: Some(template.name.clone()),
        template_display_name: Some(template.display_name.clone()),
        template_icon: Some(template.icon.clone()),
        template_allow_user_cancel_workspace_jobs: Some(false),
        outdated: Some(false),
        ttl_ms,
        autostart_schedule,
        latest_build: Some(build),
        ..Default::default()
    }
}

/// Coder's rule for workspace names: 1 to 32 letters, digits and single inner hyphens.
pub fn check_name(field: &str, name: &str, problems: &mut Vec<Validation>) {
    let ok = !name.is_empty()
        && name.len() <= 32
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--");
    if !ok {
        problems.push(Validation::new(
            field,
            "must be 1 to 32 letters, digits and single hyphens, starting and ending with a \
             letter or digit",
        ));
    }
}

/// A time to live from one minute to seven days.
pub fn check_ttl(field: &str, ttl_ms: i64, problems: &mut Vec<Validation>) {
    if ttl_ms < MIN_TTL_MS {
        problems.push(Validation::new(field, "must be at least one minute"));
    } else if ttl_ms > MAX_TTL_MS {
        problems.push(Validation::new(field, "must be at most seven days"));
    }
}

/// An autostart schedule: an optional `CRON_TZ=<zone> ` prefix and five cron fields, of which
/// day of month and month must be `*` (autostart repeats by weekday).
pub fn check_schedule(field: &str, schedule: &str, problems: &mut Vec<Validation>) {
    let spec = match schedule.strip_prefix("CRON_TZ=") {
        Some(rest) => match rest.split_once(' ') {
            Some((zone, spec)) if !zone.is_empty() => spec,
            _ => {
                problems.push(Validation::new(
                    field,
                    "`CRON_TZ=` needs a zone and a schedule",
                ));
                return;
            }
        },
        None => schedule,
    };
    let parts: Vec<&str> = spec.split_whitespace().collect();
    let valid_part =
        |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || "*,-/".contains(c));
    if parts.len() != 5 || !parts.iter().all(|p| valid_part(p)) {
        problems.push(Validation::new(
            field,
            "must be a cron schedule of five fields, such as `CRON_TZ=Europe/Dublin 30 9 * * 1-5`",
        ));
    } else if parts[2] != "*" || parts[3] != "*" {
        problems.push(Validation::new(field, "day of month and month must be `*`"));
    }
}

/// A deadline must lie in the future.
pub fn check_deadline(field: &str, deadline: DateTime<Utc>, problems: &mut Vec<Validation>) {
    if deadline <= Utc::now() {
        problems.push(Validation::new(field, "must be in the future"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(check: impl FnOnce(&mut Vec<Validation>)) -> usize {
        let mut found = Vec::new();
        check(&mut found);
        found.len()
    }

    #[test]
    fn names() {
        assert_eq!(problems(|p| check_name("name", "dev-box-1", p)), 0);
        for bad in ["", "-a", "a-", "a--b", "a b", &"x".repeat(33)] {
            assert_eq!(problems(|p| check_name("name", bad, p)), 1, "{bad:?}");
        }
    }

    #[test]
    fn schedules() {
        assert_eq!(
            problems(|p| check_schedule("s", "CRON_TZ=Europe/Dublin 30 9 * * 1-5", p)),
            0
        );
        assert_eq!(problems(|p| check_schedule("s", "30 9 * * *", p)), 0);
        for bad in [
            "",
            "30 9 * *",
            "30 9 1 * *",
            "CRON_TZ= 30 9 * * *",
            "a b c d e",
        ] {
            assert_eq!(problems(|p| check_schedule("s", bad, p)), 1, "{bad:?}");
        }
    }

    #[test]
    fn ttls() {
        assert_eq!(problems(|p| check_ttl("t", 3_600_000, p)), 0);
        assert_eq!(problems(|p| check_ttl("t", 59_999, p)), 1);
        assert_eq!(problems(|p| check_ttl("t", MAX_TTL_MS + 1, p)), 1);
    }
}
