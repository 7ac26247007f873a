//! Pass 7: boxing. A struct that contains itself, directly or through other structs, unions or
//! aliases, has infinite size; the fields (and union variants) that stay inside one strongly
//! connected component of the "contains directly" graph get a `Box`. Arrays and maps already
//! allocate, so they are not edges; a tuple holds its members inline, so they are.

use crate::model::{TypeDef, TypeKind, TypeRef};

pub(super) fn mark_boxed(types: &mut [TypeDef]) {
    let edges: Vec<Vec<usize>> = types.iter().map(|def| direct_children(&def.kind)).collect();
    let component = strongly_connected(&edges);
    for def in types.iter_mut() {
        let own = component[def.id.0];
        let in_cycle = |ty: &TypeRef| direct(ty).any(|t| component[t] == own);
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.boxed = in_cycle(&f.ty)),
            TypeKind::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| v.boxed = in_cycle(&v.ty)),
            TypeKind::Enum(_) | TypeKind::Alias(_) => {}
        }
    }
}

fn direct_children(kind: &TypeKind) -> Vec<usize> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().flat_map(|f| direct(&f.ty)).collect(),
        TypeKind::Union(u) => u.variants.iter().flat_map(|v| direct(&v.ty)).collect(),
        TypeKind::Alias(ty) => direct(ty).collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// The types a value of `ty` holds inline: itself if named, a tuple's members, what an
/// `Option` holds.
fn direct(ty: &TypeRef) -> Box<dyn Iterator<Item = usize> + '_> {
    match ty {
        TypeRef::Named(id) => Box::new(std::iter::once(id.0)),
        TypeRef::Tuple(items) => Box::new(items.iter().flat_map(direct)),
        TypeRef::Nullable(inner) => direct(inner),
        _ => Box::new(std::iter::empty()),
    }
}

/// Tarjan's algorithm, iterative so that long reference chains cannot overflow the stack.
/// Returns a component number per node; a node alone (without a self edge) gets a component
/// no other node shares, and a self edge puts a node in its own cycle naturally.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position of the next edge to look at)
        let mut work = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == UNVISITED {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&child) = edges[node].get(*edge) {
                *edge += 1;
                if index[child] == UNVISITED {
                    work.push((child, 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(index[child]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn cycles_share_a_component() {
        // 0 -> 1 -> 2 -> 0, 3 -> 0, 4 alone
        let c = strongly_connected(&[vec![1], vec![2], vec![0], vec![0], vec![]]);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
    }
}
