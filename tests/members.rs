//! An implementation of the constraints fixture's server (tests/fixtures/checks/checks.yaml)
//! that counts the requests reaching it and answers each with a value its schema allows:
//! tests/checks.rs serves it, and the example `checks_demo` serves it to schemathesis (both
//! include this file as their module `members`).

use checks_server::{
    AddMemberResponse, AddMembersResponse, AddNoteForm, AddNoteResponse, AddPhotoForm,
    AddPhotoResponse, Error, GetMemberResponse, ListMembersQuery, ListMembersResponse,
    SetBioResponse, async_trait, types,
};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the requests that reached a method: only those that pass every check do.
#[derive(Default)]
pub struct Members(pub AtomicUsize);

#[async_trait]
impl checks_server::Default for Members {
    async fn add_member(&self, body: types::Member) -> Result<AddMemberResponse, Error> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(AddMemberResponse::Created(body))
    }

    async fn get_member(&self, id: i64) -> Result<GetMemberResponse, Error> {
        self.0.fetch_add(1, Ordering::SeqCst);
        // A member that meets its schema's constraints, whatever the id.
        let _ = id;
        Ok(GetMemberResponse::Ok(types::Member {
            name: "Ada".to_owned(),
            age: 1,
            ..Default::default()
        }))
    }

    async fn list_members(
        &self,
        _x_trace: String,
        _query: ListMembersQuery,
    ) -> Result<ListMembersResponse, Error> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(ListMembersResponse::Ok(Vec::new()))
    }

    async fn add_note(
        &self,
        _id: i64,
        _session: Option<String>,
        _body: AddNoteForm,
    ) -> Result<AddNoteResponse, Error> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(AddNoteResponse::NoContent)
    }

    async fn add_photo(&self, _id: i64, _body: AddPhotoForm) -> Result<AddPhotoResponse, Error> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(AddPhotoResponse::NoContent)
    }

    async fn add_members(&self, _body: types::Batch) -> Result<AddMembersResponse, Error> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(AddMembersResponse::NoContent)
    }

    async fn set_bio(&self, _id: i64, _body: Option<String>) -> Result<SetBioResponse, Error> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(SetBioResponse::NoContent)
    }
}
