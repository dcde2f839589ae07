//! Statistical secrecy for tables whose lines add up: primary suppression
//! hides the sensitive cells, secondary suppression hides enough others that
//! no published total minus published parts gives a hidden cell back.
//!
//! A table here is a list of cells and a list of sums ("this cell is the sum
//! of those"): an EPCI's residents are the sum of its communes', the
//! territory's the sum of its EPCIs'. The rule, checked on every sum until
//! nothing changes:
//! - when the whole is published, its hidden parts are none, or they are
//!   together safe (for counts of people: at least the threshold; for counts
//!   of bookings: at least two cells), so the difference reveals no one cell;
//! - when the whole is hidden, at least one of its parts is hidden too, or
//!   adding the parts would give it back.
//!
//! When more must be hidden, the smallest published part goes first (it
//! costs the reader least); a whole whose parts are all hidden already and
//! still not safe is hidden itself.

/// One figure of a table and whether it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub value: u64,
    pub hidden: bool,
}

/// "Cell `whole` is the sum of cells `parts`" (indexes into the cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    pub whole: usize,
    pub parts: Vec<usize>,
}

/// Whether the hidden parts of a published whole may stay as they are.
pub trait Safe {
    fn safe(&self, hidden: &[u64]) -> bool;
}

/// Counts of people: the hidden parts add up to nothing or to at least `k`,
/// so a difference never gives a count a reader could point at someone with.
pub struct PeopleRule {
    pub k: u64,
}

impl Safe for PeopleRule {
    fn safe(&self, hidden: &[u64]) -> bool {
        let sum: u64 = hidden.iter().sum();
        hidden.is_empty() || sum == 0 || (hidden.len() >= 2 && sum >= self.k)
    }
}

/// Counts about activity (bookings, hours) hidden because one person made
/// them: never one hidden part alone under a published whole.
pub struct ActivityRule;

impl Safe for ActivityRule {
    fn safe(&self, hidden: &[u64]) -> bool {
        hidden.len() != 1
    }
}

/// Hides cells until every sum follows the rule (see the module's comment).
/// Cells already hidden stay hidden; the primary suppression is the caller's.
pub fn protect(cells: &mut [Cell], sums: &[Sum], rule: &impl Safe) {
    loop {
        let mut changed = false;
        for sum in sums {
            if let Some(more) = next_to_hide(cells, sum, rule) {
                cells[more].hidden = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// The cell that must be hidden next for this sum, if any.
fn next_to_hide(cells: &[Cell], sum: &Sum, rule: &impl Safe) -> Option<usize> {
    let smallest_published = || {
        sum.parts
            .iter()
            .copied()
            .filter(|p| !cells[*p].hidden)
            .min_by_key(|p| (cells[*p].value, *p))
    };
    if cells[sum.whole].hidden {
        let any_hidden = sum.parts.iter().any(|p| cells[*p].hidden);
        return if any_hidden || sum.parts.is_empty() {
            None
        } else {
            smallest_published()
        };
    }
    let hidden: Vec<u64> = sum
        .parts
        .iter()
        .filter(|p| cells[**p].hidden)
        .map(|p| cells[*p].value)
        .collect();
    if rule.safe(&hidden) {
        return None;
    }
    Some(smallest_published().unwrap_or(sum.whole))
}

/// Cells of counts of people, hidden under the threshold `k` (zero too: a
/// line of nobody says nothing worth the risk of a neighbour's count).
pub fn people_cells(values: &[u64], k: u64) -> Vec<Cell> {
    values
        .iter()
        .map(|v| Cell {
            value: *v,
            hidden: *v < k,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a reader can learn from the published cells and the sums, by
    /// solving every sum that has a single unknown, again and again.
    fn learnt(cells: &[Cell], sums: &[Sum]) -> Vec<Option<u64>> {
        let mut known: Vec<Option<u64>> = cells
            .iter()
            .map(|c| (!c.hidden).then_some(c.value))
            .collect();
        loop {
            let mut changed = false;
            for sum in sums {
                let unknown: Vec<usize> = std::iter::once(sum.whole)
                    .chain(sum.parts.iter().copied())
                    .filter(|i| known[*i].is_none())
                    .collect();
                if unknown.len() != 1 {
                    continue;
                }
                let parts: u64 = sum.parts.iter().filter_map(|p| known[*p]).sum();
                let value = if unknown[0] == sum.whole {
                    parts
                } else {
                    known[sum.whole].unwrap_or(0).saturating_sub(parts)
                };
                known[unknown[0]] = Some(value);
                changed = true;
            }
            if !changed {
                return known;
            }
        }
    }

    /// A territory: EPCIs of communes, each commune with its people.
    fn territory() -> impl Strategy<Value = Vec<Vec<u64>>> {
        prop::collection::vec(
            prop::collection::vec(prop_oneof![1u64..12, 1u64..60], 1..6),
            1..5,
        )
    }

    /// Cells: communes first, then one per EPCI, then the whole territory.
    fn table(epcis: &[Vec<u64>]) -> (Vec<u64>, Vec<Sum>) {
        let mut values: Vec<u64> = epcis.iter().flatten().copied().collect();
        let mut sums = Vec::new();
        let mut next = 0;
        let mut epci_cells = Vec::new();
        for communes in epcis {
            let parts: Vec<usize> = (next..next + communes.len()).collect();
            next += communes.len();
            values.push(communes.iter().sum());
            epci_cells.push(values.len() - 1);
            sums.push(Sum {
                whole: values.len() - 1,
                parts,
            });
        }
        values.push(epcis.iter().flatten().sum());
        sums.push(Sum {
            whole: values.len() - 1,
            parts: epci_cells,
        });
        (values, sums)
    }

    proptest! {
        #[test]
        fn no_count_under_k_can_be_worked_out(epcis in territory(), k in 5u64..15) {
            let (values, sums) = table(&epcis);
            let mut cells = people_cells(&values, k);
            protect(&mut cells, &sums, &PeopleRule { k });
            for cell in &cells {
                prop_assert!(cell.hidden || cell.value >= k, "published under k: {cell:?}");
            }
            let known = learnt(&cells, &sums);
            for (cell, learnt) in cells.iter().zip(&known) {
                if cell.value < k {
                    prop_assert_eq!(*learnt, None, "worked out: {:?} in {:?}", cell, cells);
                }
            }
        }

        #[test]
        fn one_persons_activity_cannot_be_worked_out(
            values in prop::collection::vec(0u64..40, 1..12),
            lone in prop::collection::vec(any::<bool>(), 12),
        ) {
            // Lines of a month's bookings and their total; some lines are one
            // person's and hidden.
            let mut cells: Vec<Cell> = values
                .iter()
                .zip(&lone)
                .map(|(v, lone)| Cell { value: *v, hidden: *lone })
                .collect();
            let sensitive: Vec<bool> = cells.iter().map(|c| c.hidden).collect();
            cells.push(Cell { value: values.iter().sum(), hidden: false });
            let sums = [Sum { whole: values.len(), parts: (0..values.len()).collect() }];
            protect(&mut cells, &sums, &ActivityRule);
            let known = learnt(&cells, &sums);
            for (i, lone) in sensitive.iter().enumerate() {
                if *lone {
                    prop_assert_eq!(known[i], None);
                }
            }
        }
    }

    #[test]
    fn a_commune_is_not_the_epci_minus_the_others() {
        // An EPCI of 40 people: 30 in the town, 7 and 3 in two villages.
        let values = [30, 7, 3, 40];
        let sums = [Sum {
            whole: 3,
            parts: vec![0, 1, 2],
        }];
        let mut cells = people_cells(&values, 11);
        protect(&mut cells, &sums, &PeopleRule { k: 11 });
        // The villages add up to 10 < 11: the town is hidden too.
        assert!(cells.iter().take(3).all(|c| c.hidden));
        assert!(!cells[3].hidden);
    }

    #[test]
    fn two_small_parts_that_reach_k_are_enough() {
        let values = [30, 7, 5, 42];
        let sums = [Sum {
            whole: 3,
            parts: vec![0, 1, 2],
        }];
        let mut cells = people_cells(&values, 11);
        protect(&mut cells, &sums, &PeopleRule { k: 11 });
        assert_eq!(
            cells.iter().map(|c| c.hidden).collect::<Vec<_>>(),
            [false, true, true, false]
        );
    }

    #[test]
    fn a_whole_made_of_one_hidden_part_is_hidden() {
        // One commune of 4 people makes its EPCI: the EPCI is hidden too.
        let values = [4, 4];
        let sums = [Sum {
            whole: 1,
            parts: vec![0],
        }];
        let mut cells = people_cells(&values, 11);
        protect(&mut cells, &sums, &PeopleRule { k: 11 });
        assert!(cells.iter().all(|c| c.hidden));
    }
}
