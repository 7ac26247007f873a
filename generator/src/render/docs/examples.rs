//! The JSON examples of the pages, sampled and printed once per run and shared by every page.

use super::{json, sampler};
use crate::model::{Api, TypeRef};
use std::cell::RefCell;
use std::collections::HashMap;

/// The examples of types as the text of ```json blocks, each sampled and printed once: on a
/// large API most operations share an error body, and its example would be rebuilt hundreds
/// of times (Stripe's: 935 blocks on one page, 216 different ones).
pub(super) struct Examples<'a> {
    api: &'a Api,
    printed: RefCell<HashMap<TypeRef, String>>,
}

impl<'a> Examples<'a> {
    pub(super) fn new(api: &'a Api) -> Self {
        Examples {
            api,
            printed: RefCell::default(),
        }
    }

    pub(super) fn json(&self, ty: &TypeRef) -> String {
        if let Some(printed) = self.printed.borrow().get(ty) {
            return printed.clone();
        }
        let printed = json::pretty(&sampler::example(self.api, ty));
        self.printed
            .borrow_mut()
            .insert(ty.clone(), printed.clone());
        printed
    }
}
