//! Following a calendar to a date: the payments fill the instalments in order; each instalment and the calendar get their state.

use super::*;

/// An instalment as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstalmentState {
    pub instalment: Instalment,
    pub label: String,
    pub paid: Money,
    pub left: Money,
    pub status: InstalmentStatus,
    pub status_label: String,
    /// The day it counts as missed (its date + 2 working days).
    pub late_from: NaiveDate,
}

/// A calendar as of a date: each instalment's state and the calendar's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanState {
    pub plan: Plan,
    pub as_of: NaiveDate,
    pub status: PlanStatus,
    pub status_label: String,
    /// What happens to the penalties, in words (« Abandonnées si l'échéancier est respecté »).
    pub treatment_label: String,
    /// Paid towards the calendar since it was made.
    pub paid: Money,
    pub left: Money,
    pub instalments: Vec<InstalmentState>,
    /// The instalments missed (past their grace and not fully paid).
    pub late_count: u32,
    /// What is late: the unpaid part of the missed instalments.
    pub late_amount: Money,
    /// The next instalment not fully paid.
    pub next: Option<InstalmentState>,
}

impl PlanState {
    /// Whether the calendar still shields its invoices from the ladder (signed, neither broken nor replaced).
    pub fn in_force(&self) -> bool {
        matches!(self.status, PlanStatus::Honoured | PlanStatus::Late)
    }

    /// The first missed instalment.
    pub fn first_late(&self) -> Option<&InstalmentState> {
        self.instalments
            .iter()
            .find(|i| i.status == InstalmentStatus::Late)
    }
}

/// A calendar as of `today`, given what was `paid` towards it: payments fill the instalments in order.
pub fn follow(plan: &Plan, paid: Money, today: NaiveDate, cal: &Calendar) -> Result<PlanState> {
    let mut left_to_apply = paid;
    let mut instalments = Vec::with_capacity(plan.instalments.len());
    let (mut late_count, mut late_amount) = (0u32, Money::ZERO);
    for i in &plan.instalments {
        let covered = left_to_apply.min(i.amount).max(Money::ZERO);
        left_to_apply = left_to_apply.checked_sub(covered)?;
        let left = i.amount.checked_sub(covered)?;
        let late_from = cal
            .add_working_days(i.due_on, GRACE_WORKING_DAYS)
            .succ_opt()
            .unwrap_or(i.due_on);
        let status = if left.is_zero() {
            InstalmentStatus::Paid
        } else if today >= late_from {
            late_count = late_count.saturating_add(1);
            late_amount = late_amount.checked_add(left)?;
            InstalmentStatus::Late
        } else if covered.is_positive() {
            InstalmentStatus::PartlyPaid
        } else {
            InstalmentStatus::Upcoming
        };
        instalments.push(InstalmentState {
            instalment: i.clone(),
            label: i.label_fr(),
            paid: covered,
            left,
            status,
            status_label: status.label_fr().into(),
            late_from,
        });
    }
    let paid_towards = paid.min(plan.total).max(Money::ZERO);
    let left = plan.total.checked_sub(paid_towards)?;
    let status = if left.is_zero() {
        PlanStatus::Completed
    } else if plan.replaced_on.is_some_and(|d| d <= today) {
        PlanStatus::Replaced
    } else if plan.broken_on.is_some_and(|d| d <= today) {
        PlanStatus::Broken
    } else if plan.signed_on.is_none_or(|d| d > today) {
        PlanStatus::Proposed
    } else if late_count > 0 {
        PlanStatus::Late
    } else {
        PlanStatus::Honoured
    };
    let next = instalments
        .iter()
        .find(|i| i.status != InstalmentStatus::Paid)
        .cloned();
    Ok(PlanState {
        plan: plan.clone(),
        as_of: today,
        status,
        status_label: status.label_fr().into(),
        treatment_label: plan.treatment.label_fr().into(),
        paid: paid_towards,
        left,
        instalments,
        late_count,
        late_amount,
        next,
    })
}
