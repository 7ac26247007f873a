//! An in-memory implementation of the generated `Workspaces` server: what a downstream crate
//! writes to serve the API. One caller (`admin`, holding the configured token), a second
//! user (`alice`), two templates (`docker`, `kubernetes`), a running workspace of `alice`'s
//! and a deleted one of the caller's ([`DELETED`]).

mod store;

pub use store::{ALICE, DELETED, DOCKER_TEMPLATE, KUBERNETES_TEMPLATE, ORGANIZATION};

use futures_util::StreamExt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use store::{Store, User};
use tokio::sync::broadcast;
use uuid::Uuid;
use workspaces_server::types::{
    CreateWorkspaceRequest, PutExtendWorkspaceRequest, Response, UpdateWorkspaceAutostartRequest,
    UpdateWorkspaceRequest, UpdateWorkspaceTtlRequest, Workspace, WorkspacesResponse,
};
use workspaces_server::{
    BASE_PATH, CreateUserWorkspaceByOrganizationResponse, Credential, Error, ErrorStatus,
    EventStream, ExtendWorkspaceDeadlineByIdResponse, GetWorkspaceMetadataByIdQuery,
    GetWorkspaceMetadataByIdResponse, GetWorkspaceMetadataByUserAndWorkspaceNameQuery,
    GetWorkspaceMetadataByUserAndWorkspaceNameResponse, ListWorkspacesQuery,
    ListWorkspacesResponse, UpdateWorkspaceAutostartScheduleByIdResponse,
    UpdateWorkspaceMetadataByIdResponse, UpdateWorkspaceTtlByIdResponse, Validation,
    WatchWorkspaceByIdResponse, Workspaces,
};

/// The name of the user the token belongs to.
pub const CALLER: &str = "admin";

/// The demo service: the store behind a lock, and a channel that announces every change.
pub struct Demo {
    token: String,
    caller: User,
    store: RwLock<Store>,
    changes: broadcast::Sender<Workspace>,
}

impl Demo {
    /// A seeded demo that accepts only `token`.
    pub fn new(token: impl Into<String>) -> Self {
        let caller = User {
            id: Uuid::new_v4(),
            name: CALLER.to_owned(),
        };
        let (changes, _) = broadcast::channel(256);
        Demo {
            token: token.into(),
            store: RwLock::new(Store::seeded(caller.clone())),
            caller,
            changes,
        }
    }

    /// The caller's user id.
    pub fn caller_id(&self) -> Uuid {
        self.caller.id
    }

    fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes a live workspace and announces the change.
    fn change(
        &self,
        id: Uuid,
        apply: impl FnOnce(&mut Store, &mut Workspace) -> Result<(), Error>,
    ) -> Result<Workspace, Error> {
        let mut store = self.write();
        let mut workspace = store.get(id, false).ok_or_else(not_found)?.clone();
        apply(&mut store, &mut workspace)?;
        workspace.updated_at = Some(chrono::Utc::now());
        if let Some(slot) = store.get(id, false) {
            *slot = workspace.clone();
        }
        drop(store);
        // Nobody listening is fine.
        let _ = self.changes.send(workspace.clone());
        Ok(workspace)
    }
}

/// The whole app: the generated router under [`BASE_PATH`], and 404 with an error body
/// everywhere else.
pub fn app(demo: Arc<Demo>) -> axum::Router {
    axum::Router::new()
        .nest(BASE_PATH, workspaces_server::router(demo))
        .fallback(|uri: axum::http::Uri| async move {
            Error::not_found(format!("No operation has the path `{}`.", uri.path()))
        })
}

fn not_found() -> Error {
    Error::not_found("Workspace not found.")
}

fn invalid(problems: Vec<Validation>) -> Result<(), Error> {
    match problems.is_empty() {
        true => Ok(()),
        false => Err(Error::invalid("Invalid request.", problems)),
    }
}

/// An event about a workspace: a message, and the workspace as JSON in `detail`.
fn event(message: &str, workspace: &Workspace) -> Response {
    Response {
        message: Some(message.to_owned()),
        detail: serde_json::to_string(workspace).ok(),
        validations: None,
    }
}

/// Compares secrets in time independent of where they differ.
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[workspaces_server::async_trait]
impl Workspaces for Demo {
    async fn authenticate(&self, credential: &Credential, _operation: &str) -> Result<(), Error> {
        match same_secret(credential.secret(), &self.token) {
            true => Ok(()),
            false => Err(Error::unauthorized("Invalid session token.")),
        }
    }

    async fn create_user_workspace_by_organization(
        &self,
        _credential: Credential,
        organization: Uuid,
        user: String,
        body: CreateWorkspaceRequest,
    ) -> Result<CreateUserWorkspaceByOrganizationResponse, Error> {
        let mut store = self.write();
        let owner = store
            .user(&self.caller, &user)
            .cloned()
            .ok_or_else(|| Error::not_found(format!("User {user:?} not found.")))?;
        let mut problems = Vec::new();
        store::check_name("name", &body.name, &mut problems);
        let template = if body.template_id.is_nil() {
            problems.push(Validation::new("template_id", "is required"));
            None
        } else {
            let found = store.template(body.template_id).cloned();
            if found.is_none() {
                problems.push(Validation::new("template_id", "no template has this id"));
            }
            found
        };
        if let Some(ttl_ms) = body.ttl_ms {
            store::check_ttl("ttl_ms", ttl_ms, &mut problems);
        }
        let schedule = body.autostart_schedule.filter(|s| !s.is_empty());
        if let Some(schedule) = &schedule {
            store::check_schedule("autostart_schedule", schedule, &mut problems);
        }
        invalid(problems)?;
        let Some(template) = template else {
            return Err(Error::invalid("Invalid request.", []));
        };
        if store.name_taken(owner.id, &body.name, None) {
            let message = format!("Workspace {:?} already exists.", body.name);
            let body = Response {
                message: Some(message),
                detail: None,
                validations: Some(vec![workspaces_server::types::ValidationError {
                    field: "name".to_owned(),
                    detail: "this value is already in use and should be unique".to_owned(),
                }]),
            };
            return Err(Error::new(ErrorStatus::CONFLICT, body));
        }
        let workspace = store::new_workspace(
            &owner,
            organization,
            &template,
            &body.name,
            body.ttl_ms,
            schedule,
        );
        store.workspaces.push(workspace.clone());
        drop(store);
        let _ = self.changes.send(workspace.clone());
        Ok(CreateUserWorkspaceByOrganizationResponse::Ok(workspace))
    }

    async fn get_workspace_metadata_by_user_and_workspace_name(
        &self,
        _credential: Credential,
        user: String,
        workspacename: String,
        query: GetWorkspaceMetadataByUserAndWorkspaceNameQuery,
    ) -> Result<GetWorkspaceMetadataByUserAndWorkspaceNameResponse, Error> {
        let store = self.read();
        let owner = store
            .user(&self.caller, &user)
            .ok_or_else(|| Error::not_found(format!("User {user:?} not found.")))?;
        let include_deleted = query.include_deleted.unwrap_or(false);
        let workspace = store
            .by_name(owner.id, &workspacename, include_deleted)
            .cloned()
            .ok_or_else(not_found)?;
        Ok(GetWorkspaceMetadataByUserAndWorkspaceNameResponse::Ok(
            workspace,
        ))
    }

    async fn list_workspaces(
        &self,
        _credential: Credential,
        query: ListWorkspacesQuery,
    ) -> Result<ListWorkspacesResponse, Error> {
        let store = self.read();
        let owner = match query.owner.as_deref() {
            None => None,
            Some(owner) => match store.user(&self.caller, owner) {
                Some(user) => Some(user.id),
                // An owner nobody is: no workspace matches.
                None => return Ok(ListWorkspacesResponse::Ok(empty_list())),
            },
        };
        let name = query.name.as_deref().map(str::to_lowercase);
        let mut workspaces: Vec<Workspace> = store
            .workspaces
            .iter()
            .filter(|w| !store::is_deleted(w))
            .filter(|w| owner.is_none_or(|owner| w.owner_id == Some(owner)))
            .filter(|w| {
                query.template.as_deref().is_none_or(|template| {
                    w.template_name
                        .as_deref()
                        .is_some_and(|t| t.eq_ignore_ascii_case(template))
                })
            })
            .filter(|w| {
                name.as_deref().is_none_or(|name| {
                    w.name
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(name))
                })
            })
            .filter(|w| {
                query.status.as_ref().is_none_or(|status| {
                    store::status(w).is_some_and(|s| s.as_str() == status.as_str())
                })
            })
            .filter(|w| {
                query.has_agent.as_ref().is_none_or(|wanted| {
                    store::agent_statuses(w).any(|s| s.as_str() == wanted.as_str())
                })
            })
            .cloned()
            .collect();
        workspaces.sort_by(|a, b| (&a.owner_name, &a.name).cmp(&(&b.owner_name, &b.name)));
        Ok(ListWorkspacesResponse::Ok(WorkspacesResponse {
            count: Some(workspaces.len() as i64),
            workspaces: Some(workspaces),
        }))
    }

    async fn get_workspace_metadata_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        query: GetWorkspaceMetadataByIdQuery,
    ) -> Result<GetWorkspaceMetadataByIdResponse, Error> {
        let store = self.read();
        let include_deleted = query.include_deleted.unwrap_or(false);
        let found = store
            .find(workspace, include_deleted)
            .ok_or_else(not_found)?;
        Ok(GetWorkspaceMetadataByIdResponse::Ok(found.clone()))
    }

    async fn update_workspace_metadata_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: UpdateWorkspaceRequest,
    ) -> Result<UpdateWorkspaceMetadataByIdResponse, Error> {
        let Some(name) = body.name.filter(|n| !n.is_empty()) else {
            // Nothing to change; the workspace must still exist.
            self.read().find(workspace, false).ok_or_else(not_found)?;
            return Ok(UpdateWorkspaceMetadataByIdResponse::NoContent);
        };
        self.change(workspace, |store, w| {
            let mut problems = Vec::new();
            store::check_name("name", &name, &mut problems);
            invalid(problems)?;
            let owner = w.owner_id.unwrap_or_default();
            if store.name_taken(owner, &name, w.id) {
                return Err(Error::conflict(format!(
                    "Workspace {name:?} already exists."
                )));
            }
            w.name = Some(name.clone());
            if let Some(build) = &mut w.latest_build {
                build.workspace_name = Some(name);
            }
            Ok(())
        })?;
        Ok(UpdateWorkspaceMetadataByIdResponse::NoContent)
    }

    async fn update_workspace_autostart_schedule_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: UpdateWorkspaceAutostartRequest,
    ) -> Result<UpdateWorkspaceAutostartScheduleByIdResponse, Error> {
        let schedule = body.schedule.filter(|s| !s.is_empty());
        self.change(workspace, |_, w| {
            if let Some(schedule) = &schedule {
                let mut problems = Vec::new();
                store::check_schedule("schedule", schedule, &mut problems);
                invalid(problems)?;
            }
            w.autostart_schedule = schedule;
            Ok(())
        })?;
        Ok(UpdateWorkspaceAutostartScheduleByIdResponse::NoContent)
    }

    async fn extend_workspace_deadline_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: PutExtendWorkspaceRequest,
    ) -> Result<ExtendWorkspaceDeadlineByIdResponse, Error> {
        let changed = self.change(workspace, |_, w| {
            let mut problems = Vec::new();
            store::check_deadline("deadline", body.deadline, &mut problems);
            invalid(problems)?;
            let Some(build) = w.latest_build.as_mut() else {
                return Err(Error::bad_request("The workspace has no build to extend."));
            };
            build.deadline = Some(body.deadline);
            Ok(())
        })?;
        let name = changed.name.unwrap_or_default();
        Ok(ExtendWorkspaceDeadlineByIdResponse::Ok(Response {
            message: Some(format!(
                "Deadline of workspace {name:?} updated to {}.",
                body.deadline.to_rfc3339()
            )),
            detail: None,
            validations: None,
        }))
    }

    async fn update_workspace_ttl_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
        body: UpdateWorkspaceTtlRequest,
    ) -> Result<UpdateWorkspaceTtlByIdResponse, Error> {
        self.change(workspace, |_, w| {
            if let Some(ttl_ms) = body.ttl_ms {
                let mut problems = Vec::new();
                store::check_ttl("ttl_ms", ttl_ms, &mut problems);
                invalid(problems)?;
            }
            w.ttl_ms = body.ttl_ms;
            Ok(())
        })?;
        Ok(UpdateWorkspaceTtlByIdResponse::NoContent)
    }

    async fn watch_workspace_by_id(
        &self,
        _credential: Credential,
        workspace: Uuid,
    ) -> Result<WatchWorkspaceByIdResponse, Error> {
        // Subscribe before reading, so that no change falls between the two.
        let changes = self.changes.subscribe();
        let current = self
            .read()
            .find(workspace, false)
            .ok_or_else(not_found)?
            .clone();
        let first = futures_util::stream::iter([event("Workspace state.", &current)]);
        let updates = futures_util::stream::unfold(changes, move |mut changes| async move {
            loop {
                match changes.recv().await {
                    Ok(w) if w.id == Some(workspace) => {
                        return Some((event("Workspace updated.", &w), changes));
                    }
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
        Ok(WatchWorkspaceByIdResponse::Ok(EventStream::new(
            first.chain(updates),
        )))
    }
}

fn empty_list() -> WorkspacesResponse {
    WorkspacesResponse {
        count: Some(0),
        workspaces: Some(Vec::new()),
    }
}
