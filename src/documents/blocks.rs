//! Pieces every document shares: our letterhead, the customer block, the
//! sign-off block for both sides, the footer with page numbers.

use super::Kit;
use super::page::{Align, Layout, Op};
use crate::messages::Message;

/// Our company's name, its details on one line, then the document's title.
pub(crate) fn letterhead(page: &mut Layout, kit: &Kit, title: &str) {
    let c = &kit.company;
    page.line_of(14.0, &c.name, Align::Center);
    let mut details = Vec::new();
    for (code, value) in [
        ("doc.address", &c.address),
        ("doc.phone", &c.phone),
        ("doc.tax_id", &c.tax_id),
    ] {
        if !value.is_empty() {
            details.push(format!("{}{value}", kit.say(Message::new(code))));
        }
    }
    if !details.is_empty() {
        page.line_of(8.0, &details.join("    "), Align::Center);
    }
    page.gap(4.0);
    page.line_of(18.0, title, Align::Center);
    page.gap(4.0);
}

/// Label-value lines (customer, tax ID, address, period…), wrapped.
pub(crate) fn facts(page: &mut Layout, kit: &Kit, facts: &[(&'static str, String)]) {
    let label_width = 64.0;
    for (code, value) in facts {
        if value.is_empty() {
            continue;
        }
        let size = 9.5;
        let label = kit.say(Message::new(code));
        page.ensure(size * 1.5);
        let (x, y) = (page.left(), page.y);
        page.text_in(x, label_width, y + size, size, &label, Align::Left);
        let w = page.right() - x - label_width;
        page.paragraph(x + label_width, w, size, value);
    }
    page.gap(4.0);
}

/// Two columns, ours and theirs, kept together on one page: for a
/// statement the customer ticks 余额相符 or 不符, explains the difference,
/// signs, stamps and dates; our seal, when set, stands on our side.
pub(crate) fn sign_off(page: &mut Layout, kit: &Kit, customer: &str, confirm: bool) {
    let size = 9.5;
    let leading = size * 1.9;
    let lines_theirs = if confirm { 8.0 } else { 5.0 };
    page.gap(6.0);
    page.ensure(leading * (lines_theirs + 1.0));
    page.rule(0.5);
    page.gap(6.0);
    let top = page.y;
    let half = (page.right() - page.left()) / 2.0;
    let (l, r) = (page.left(), page.left() + half + 10.0);
    let say = |code: &'static str| kit.say(Message::new(code));
    let ours = [
        format!("{}{}", say("doc.our_side"), kit.company.name),
        say("doc.handled_by"),
        say("doc.sign_and_stamp"),
        say("doc.date"),
    ];
    let mut theirs = vec![format!("{}{customer}", say("doc.their_side"))];
    if confirm {
        theirs.push(say("doc.confirm_lead"));
        theirs.push(say("doc.balance_agrees"));
        theirs.push(say("doc.balance_differs"));
        theirs.push(String::new());
        theirs.push(String::new());
    }
    theirs.push(say("doc.sign_and_stamp"));
    theirs.push(say("doc.date"));
    for (i, line) in ours.iter().enumerate() {
        let y = top + size + i as f32 * leading;
        page.text_in(l, half - 10.0, y, size, line, Align::Left);
    }
    for (i, line) in theirs.iter().enumerate() {
        let y = top + size + i as f32 * leading;
        page.text_in(r, half - 10.0, y, size, line, Align::Left);
    }
    if kit.seal.is_some() {
        // Over the 签字盖章 line, as a stamp sits on paper.
        page.push(Op::Seal {
            x: l + 70.0,
            y: top + leading * 1.2,
            w: 90.0,
            h: 90.0,
        });
    }
    page.y = top + leading * theirs.len().max(ours.len()) as f32;
}

/// "对账单 · 深圳市华强电子有限公司" on the left, "第 2 页 / 共 5 页" on the right.
pub(crate) fn footer(
    kit: &Kit,
    title: &str,
    party: &str,
) -> impl Fn(usize, usize) -> (String, String) {
    let lang = kit.lang;
    // "对 账 单" is spaced out as a heading only.
    let title = match lang {
        crate::domain::Lang::Zh => title.replace(' ', ""),
        crate::domain::Lang::En => title.to_string(),
    };
    let left = if party.is_empty() {
        format!("{} · {title}", kit.company.name)
    } else {
        format!("{} · {title} · {party}", kit.company.name)
    };
    move |page, pages| {
        (
            left.clone(),
            Message::new("doc.page")
                .with("page", page)
                .with("pages", pages)
                .text(lang),
        )
    }
}
