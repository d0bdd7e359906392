//! The FP-tree: transactions that share a prefix share nodes, so counting the items that
//! co-occur with one item means walking a few thousand nodes instead of every basket.
//!
//! Nodes live in one `Vec` per tree (index 0 is the root) and point to their parent by
//! index. Items are ranks (0 = most frequent) so that paths from the root run through
//! ascending ranks. A conditional tree is built by projecting the part of its parent tree
//! that lies above one item, node by node, so that shared prefixes are visited once.

pub(super) const NIL: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Node {
    item: u32,
    count: u32,
    parent: u32,
    /// Next node holding the same item (the header list of that item).
    link: u32,
    /// Children, only kept for the merge look-ups of a tree under construction.
    first_child: u32,
    sibling: u32,
    /// More than one node of the parent tree maps here, so children may collide and must be
    /// looked up before a new one is made. Without such a node no look-up is needed at all.
    merged: bool,
}

impl Node {
    const ROOT: Node = Node {
        item: NIL,
        count: 0,
        parent: NIL,
        link: NIL,
        first_child: NIL,
        sibling: NIL,
        merged: false,
    };
}

#[derive(Debug, Default)]
pub(super) struct Tree {
    nodes: Vec<Node>,
    /// Per item (rank): first node of its header list.
    head: Vec<u32>,
    /// Per item: its count in the transactions this tree holds.
    pub total: Vec<u32>,
    /// Per item: the caller's item id.
    pub orig: Vec<u32>,
}

/// Buffers reused by every projection so that mining allocates only while trees grow.
/// The per-node marks live here rather than in the nodes, so a projection only reads its
/// tree: threads with a scratch each can project one tree at once.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    touched: Vec<u32>,
    local: Vec<u32>,
    new_rank: Vec<u32>,
    /// Per node of the tree projected: the count of the projected item below it.
    acc: Vec<u32>,
    /// Per node: the node of the conditional tree it became; `NIL` when it is not (yet) part
    /// of the projection. The root always becomes the root. Between projections every other
    /// entry is `NIL`, whatever tree was projected last.
    map: Vec<u32>,
}

impl Tree {
    pub fn items(&self) -> usize {
        self.total.len()
    }

    /// Nodes, the root included: what a projection may have to walk.
    pub fn nodes(&self) -> usize {
        self.nodes.len()
    }

    fn reset(&mut self) {
        self.nodes.clear();
        self.nodes.push(Node::ROOT);
        self.head.clear();
        self.total.clear();
        self.orig.clear();
    }

    fn push_node(&mut self, item: u32, count: u32, parent: u32) -> u32 {
        let id = self.nodes.len() as u32;
        let sibling = self.nodes[parent as usize].first_child;
        self.nodes.push(Node {
            item,
            count,
            parent,
            link: self.head[item as usize],
            first_child: NIL,
            sibling,
            merged: false,
        });
        self.nodes[parent as usize].first_child = id;
        self.head[item as usize] = id;
        id
    }

    /// Builds the tree of transactions given as rank lists, each sorted ascending and free
    /// of repeats. `order` lists the transactions in lexicographic order of their ranks, so
    /// that each one shares with its predecessor exactly the prefix it shares with the tree.
    pub fn build(
        &mut self,
        orig: &[u32],
        total: &[u32],
        tx: &[u32],
        bounds: &[(u32, u32)],
        order: &[u32],
    ) {
        self.reset();
        self.orig.extend_from_slice(orig);
        self.total.extend_from_slice(total);
        self.head.resize(orig.len(), NIL);
        let mut path: Vec<u32> = Vec::new();
        let mut prev: &[u32] = &[];
        for &t in order {
            let (s, e) = bounds[t as usize];
            let cur = &tx[s as usize..e as usize];
            let common = cur.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common);
            for &n in &path {
                self.nodes[n as usize].count += 1;
            }
            for &item in &cur[common..] {
                let parent = path.last().copied().unwrap_or(0);
                path.push(self.push_node(item, 1, parent));
            }
            prev = cur;
        }
    }

    /// The tree is one chain from the root, each item on it once: every combination of its
    /// items is frequent and can be listed without further trees.
    pub fn single_path(&self) -> Option<impl DoubleEndedIterator<Item = (u32, u32)> + '_> {
        let n = self.nodes.len();
        if n - 1 != self.items() {
            return None;
        }
        if (1..n).any(|i| self.nodes[i].parent as usize != i - 1) {
            return None;
        }
        Some(
            self.nodes[1..]
                .iter()
                .map(|node| (self.orig[node.item as usize], node.count)),
        )
    }

    /// Builds in `out` the conditional tree of item `r`: the transactions of this tree that
    /// contain `r`, cut to the items before `r` that are still frequent there. Items that are
    /// in every one of those transactions (`local count == prefix_count`) are left out of
    /// `out` and pushed to `perfect`: they can be added to any itemset found below without
    /// changing its count, so they need no tree levels of their own.
    pub fn project(
        &self,
        r: u32,
        min_count: u32,
        prefix_count: u32,
        out: &mut Tree,
        scratch: &mut Scratch,
        perfect: &mut Vec<u32>,
    ) {
        out.reset();
        if scratch.map.len() < self.nodes.len() {
            scratch.map.resize(self.nodes.len(), NIL);
            scratch.acc.resize(self.nodes.len(), 0);
            scratch.map[0] = 0;
        }
        let (map, acc) = (&mut scratch.map, &mut scratch.acc);
        let touched = &mut scratch.touched;
        touched.clear();

        // Collect the nodes above the nodes of `r`, parents before children: each upward
        // walk stops at the first node already collected, whose ancestors are all in.
        let mut n = self.head[r as usize];
        while n != NIL {
            let node = self.nodes[n as usize];
            let start = touched.len();
            let mut p = node.parent;
            while p != 0 && map[p as usize] == NIL {
                map[p as usize] = 0;
                acc[p as usize] = 0;
                touched.push(p);
                p = self.nodes[p as usize].parent;
            }
            touched[start..].reverse();
            if node.parent != 0 {
                acc[node.parent as usize] += node.count;
            }
            n = node.link;
        }
        if touched.is_empty() {
            return;
        }

        // Children before parents: push each node's count of `r` up to its parent.
        let local = &mut scratch.local;
        local.clear();
        local.resize(r as usize, 0);
        for &a in touched.iter().rev() {
            let node = self.nodes[a as usize];
            local[node.item as usize] += acc[a as usize];
            if node.parent != 0 {
                acc[node.parent as usize] += acc[a as usize];
            }
        }

        // Keep the parent tree's item order: paths stay sorted and need no re-sorting.
        let new_rank = &mut scratch.new_rank;
        new_rank.clear();
        for (j, &c) in local.iter().enumerate() {
            if c >= min_count && c < prefix_count {
                new_rank.push(out.total.len() as u32);
                out.total.push(c);
                out.orig.push(self.orig[j]);
            } else {
                if c == prefix_count {
                    perfect.push(self.orig[j]);
                }
                new_rank.push(NIL);
            }
        }
        out.head.resize(out.total.len(), NIL);

        if !out.total.is_empty() {
            for &a in touched.iter() {
                let node = self.nodes[a as usize];
                let np = map[node.parent as usize];
                let nr = new_rank[node.item as usize];
                let mapped = if nr == NIL {
                    // Dropped item: its children hang on its parent, beside that parent's
                    // own children.
                    out.nodes[np as usize].merged = true;
                    np
                } else {
                    let mut found = NIL;
                    if out.nodes[np as usize].merged {
                        let mut c = out.nodes[np as usize].first_child;
                        while c != NIL {
                            if out.nodes[c as usize].item == nr {
                                found = c;
                                break;
                            }
                            c = out.nodes[c as usize].sibling;
                        }
                    }
                    if found == NIL {
                        out.push_node(nr, acc[a as usize], np)
                    } else {
                        let f = &mut out.nodes[found as usize];
                        f.count += acc[a as usize];
                        f.merged = true;
                        found
                    }
                };
                map[a as usize] = mapped;
            }
        }
        for &a in touched.iter() {
            map[a as usize] = NIL;
        }
    }
}
