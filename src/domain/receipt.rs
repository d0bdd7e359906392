//! The printed receipt: 42 columns of plain text, as a thermal printer's font A prints them,
//! and the same text wrapped in ESC/POS bytes for a printer on a device path.
//!
//! Widths are measured in terminal columns, not bytes, so a product named in Japanese
//! or with an emoji still lines up. No phone number or e-mail ever reaches a receipt.

use chrono::NaiveDateTime;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::bundle::AppliedBundle;
use crate::domain::cart::{Line, LineOrigin};
use crate::domain::money::Money;
use crate::domain::pricing::{LineTotal, Totals};
use crate::domain::settings::Settings;
use crate::domain::tender::Payment;

pub const WIDTH: usize = 42;

pub struct Receipt<'a> {
    /// The shop's name, address and tax number head every receipt.
    pub shop: &'a Settings,
    pub till: &'a str,
    pub staff: &'a str,
    pub number: &'a str,
    /// Local time, as the customer reads it.
    pub at: NaiveDateTime,
    pub lines: &'a [Line],
    pub totals: &'a Totals,
    pub payments: &'a [Payment],
    /// The bundles that took money off, named with their saving.
    pub bundles: &'a [AppliedBundle],
    /// A refund names the receipt it refunds and prints its amounts as money going back.
    pub refund_of: Option<&'a str>,
    /// A reprint says so, so that it is never taken for a second sale.
    pub copy: bool,
}

/// A returned line as a refund receipt prints it: what was paid for those units, with
/// the tax that payment held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundItem {
    pub sku: String,
    pub name: String,
    pub category: String,
    pub tax_class: String,
    pub qty: i64,
    /// Tax included.
    pub amount: Money,
    pub tax: Money,
}

/// The lines and totals of a refund receipt: one line per returned line ("2 × Mouse"), at
/// its amount before tax, so that subtotal + tax = the refund.
pub fn refund_lines(items: &[RefundItem]) -> (Vec<Line>, Totals) {
    let mut lines = Vec::new();
    let mut totals = Vec::new();
    for item in items {
        let name = if item.qty > 1 {
            format!("{} × {}", item.qty, item.name)
        } else {
            item.name.clone()
        };
        let net = item.amount - item.tax;
        lines.push(Line {
            sku: item.sku.clone(),
            name,
            category: item.category.clone(),
            qty: 1,
            unit_price: net,
            list_price: net,
            tax_class: item.tax_class.clone(),
            discount: None,
            origin: LineOrigin::Manual,
        });
        totals.push(LineTotal {
            gross: net,
            line_discount: Money::ZERO,
            bundle_discount: Money::ZERO,
            order_discount: Money::ZERO,
            net,
            tax: item.tax,
        });
    }
    let tax: Money = totals.iter().map(|t| t.tax).sum();
    let subtotal: Money = totals.iter().map(|t| t.gross).sum();
    let totals = Totals {
        lines: totals,
        subtotal,
        discounts: Money::ZERO,
        bundle_savings: Money::ZERO,
        tax,
        total: subtotal + tax,
    };
    (lines, totals)
}

/// A receipt as the store keeps it: everything a reprint needs but the shop's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub till: String,
    pub staff: String,
    pub number: String,
    pub at: NaiveDateTime,
    pub lines: Vec<Line>,
    pub totals: Totals,
    pub payments: Vec<Payment>,
    pub bundles: Vec<AppliedBundle>,
    pub refund_of: Option<String>,
}

impl ReceiptRecord {
    pub fn receipt<'a>(&'a self, shop: &'a Settings, copy: bool) -> Receipt<'a> {
        Receipt {
            shop,
            till: &self.till,
            staff: &self.staff,
            number: &self.number,
            at: self.at,
            lines: &self.lines,
            totals: &self.totals,
            payments: &self.payments,
            bundles: &self.bundles,
            refund_of: self.refund_of.as_deref(),
            copy,
        }
    }
}

impl Receipt<'_> {
    pub fn render(&self) -> String {
        let rule = "-".repeat(WIDTH);
        let mut out = Vec::new();
        out.push(center(&self.shop.shop_name));
        for line in &self.shop.address {
            out.push(center(line));
        }
        if !self.shop.tax_number.is_empty() {
            out.push(center(&format!("Tax no. {}", self.shop.tax_number)));
        }
        if self.copy {
            out.push(center("*** COPY ***"));
        }
        if self.refund_of.is_some() {
            out.push(center("REFUND"));
        }
        out.push(two_cols(
            &format!("{} · {}", self.till, self.staff),
            &self.at.format("%Y-%m-%d %H:%M").to_string(),
        ));
        out.push(fit(&format!("Receipt {}", self.number), WIDTH));
        if let Some(original) = self.refund_of {
            out.push(fit(&format!("Refund of receipt {original}"), WIDTH));
        }
        out.push(rule.clone());
        for (line, total) in self.lines.iter().zip(&self.totals.lines) {
            if line.qty == 1 {
                out.push(two_cols(&line.name, &plain(total.gross)));
            } else {
                out.push(fit(&line.name, WIDTH));
                out.push(two_cols(
                    &format!("  {} x {}", line.qty, plain(line.unit_price)),
                    &plain(total.gross),
                ));
            }
            if total.line_discount > Money::ZERO {
                let label = line.discount.map_or_else(String::new, |d| d.to_string());
                out.push(two_cols(
                    &format!("  discount {label}"),
                    &plain(-total.line_discount),
                ));
            }
        }
        for bundle in self.bundles {
            let name = if bundle.sets > 1 {
                format!("{} × {}", bundle.sets, bundle.name)
            } else {
                bundle.name.clone()
            };
            out.push(two_cols(&format!("Bundle: {name}"), &plain(-bundle.saving)));
        }
        out.push(rule.clone());
        out.push(two_cols("Subtotal", &plain(self.totals.subtotal)));
        if self.totals.discounts > Money::ZERO {
            out.push(two_cols("Discounts", &plain(-self.totals.discounts)));
        }
        out.push(two_cols("Tax", &plain(self.totals.tax)));
        out.push(two_cols(
            if self.refund_of.is_some() {
                "REFUND TOTAL"
            } else {
                "TOTAL"
            },
            &self.totals.total.to_string(),
        ));
        for p in self.payments {
            let name = match p.kind {
                crate::domain::tender::TenderKind::Cash => "Cash".to_string(),
                crate::domain::tender::TenderKind::Card => match &p.reference {
                    Some(r) => format!("Card {}", fit(r, 16)),
                    None => "Card".to_string(),
                },
            };
            out.push(two_cols(&name, &p.tendered.to_string()));
        }
        let change: Money = self.payments.iter().map(Payment::change).sum();
        if change > Money::ZERO {
            out.push(two_cols("Change", &change.to_string()));
        }
        out.push(rule);
        out.push(center("Thank you for shopping with us!"));
        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    /// ESC/POS: initialise, the text, feed and a partial cut. Non-ASCII is replaced, since a
    /// printer's default code page would print it as garbage.
    pub fn escpos(&self) -> Vec<u8> {
        let mut bytes = vec![0x1b, b'@'];
        bytes.extend(
            self.render()
                .chars()
                .map(|c| if c.is_ascii() { c as u8 } else { b'?' }),
        );
        bytes.extend_from_slice(&[0x1b, b'd', 4, 0x1d, b'V', 1]);
        bytes
    }
}

/// `1,199.00` without the currency sign: columns of figures read better without it.
fn plain(m: Money) -> String {
    m.to_string().replacen('$', "", 1)
}

fn center(text: &str) -> String {
    let t = fit(text, WIDTH);
    let pad = (WIDTH - t.width()) / 2;
    format!("{}{t}", " ".repeat(pad))
}

/// Left text and right-aligned amount on one line; the left side is cut to make room.
fn two_cols(left: &str, right: &str) -> String {
    let right = fit(right, WIDTH);
    let room = WIDTH.saturating_sub(right.width() + 1);
    let left = fit(left, room);
    let gap = WIDTH - left.width() - right.width();
    format!("{left}{}{right}", " ".repeat(gap))
}

/// Cuts `text` to at most `width` columns, marking a cut with `…`.
pub fn fit(text: &str, width: usize) -> String {
    // A tab or newline inside a name (a CSV may carry one) is measured as a column but
    // drawn as none, which would shift every column after it; an escape would act on the
    // terminal or printer: the shared rule replaces both.
    let cleaned = crate::domain::safe_text::terminal(text);
    let text: &str = &cleaned;
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cart::{Cart, Discount, LineOrigin};
    use crate::domain::catalog::fixtures::product;
    use crate::domain::pricing::{TaxRates, price};
    use crate::domain::tender::Tendering;

    fn sample(names: &[(&str, i64, i64)]) -> String {
        let mut cart = Cart::new();
        for (i, (name, p, q)) in names.iter().enumerate() {
            cart.add(&product(&format!("S{i}"), name, *p), *q, LineOrigin::Manual)
                .unwrap();
        }
        cart.set_line_discount(0, Some(Discount::Percent(1_000)))
            .unwrap();
        let totals = price(&cart, &TaxRates::default());
        let mut tender = Tendering::new(totals.total);
        tender.pay_cash(Money::from_minor(200_000)).unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        Receipt {
            shop: &Settings::default(),
            till: "Till 1",
            staff: "Ana",
            number: "T1-000042",
            at,
            lines: cart.lines(),
            totals: &totals,
            payments: tender.payments(),
            bundles: &[],
            refund_of: None,
            copy: false,
        }
        .render()
    }

    #[test]
    fn every_line_is_42_columns_or_less() {
        let text = sample(&[
            ("UltraBook 15 (16GB)", 119_900, 1),
            (
                "USB-C cable, braided, 2 m, with an extremely long name",
                1_299,
                3,
            ),
            ("ノートパソコン用スリーブ 🎒", 2_900, 1),
        ]);
        for line in text.lines() {
            assert!(line.width() <= WIDTH, "too wide: {line:?}");
        }
        assert!(text.contains("TOTAL"));
        assert!(text.contains("Change"));
    }

    #[test]
    fn sale_receipt_layout() {
        let text = sample(&[("UltraBook 15 (16GB)", 119_900, 1), ("Mouse", 2_500, 2)]);
        let expected = concat!(
            "                 TechGear\n",
            "Till 1 · Ana              2026-11-23 14:05
Receipt T1-000042
------------------------------------------
UltraBook 15 (16GB)               1,199.00
  discount 10%                     -119.90
Mouse
  2 x 25.00                          50.00
------------------------------------------
Subtotal                          1,249.00
Discounts                          -119.90
Tax                                  90.33
TOTAL                            $1,219.43
Cash                             $2,000.00
Change                             $780.57
------------------------------------------
     Thank you for shopping with us!
"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn fit_cuts_wide_characters_by_columns() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(fit("ok", 4), "ok");
        assert_eq!(fit("a\tb\nc", 8), "a b c");
    }

    #[test]
    fn the_header_copy_mark_bundle_and_refund_lines() {
        let shop = Settings {
            address: vec!["418 Harbor Avenue".into(), "Portland, OR 97204".into()],
            tax_number: "EIN 93-4417205".into(),
            ..Settings::default()
        };
        let (lines, totals) = refund_lines(&[RefundItem {
            sku: "M".into(),
            name: "Mouse".into(),
            category: "Mice".into(),
            tax_class: "standard".into(),
            qty: 2,
            amount: Money::from_minor(5_400),
            tax: Money::from_minor(400),
        }]);
        let payments = [Payment {
            kind: crate::domain::tender::TenderKind::Card,
            amount: totals.total,
            tendered: totals.total,
            reference: None,
        }];
        let bundles = [AppliedBundle {
            id: "B1".into(),
            name: "Work-from-home kit".into(),
            sets: 1,
            saving: Money::from_minor(1_500),
        }];
        let text = Receipt {
            shop: &shop,
            till: "Till 1",
            staff: "Ana",
            number: "TILL1-000009",
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(15, 0, 0)
                .unwrap(),
            lines: &lines,
            totals: &totals,
            payments: &payments,
            bundles: &bundles,
            refund_of: Some("TILL1-000004"),
            copy: true,
        }
        .render();
        let head: Vec<&str> = text.lines().take(8).collect();
        assert_eq!(
            head,
            [
                "                 TechGear",
                "            418 Harbor Avenue",
                "            Portland, OR 97204",
                "          Tax no. EIN 93-4417205",
                "               *** COPY ***",
                "                  REFUND",
                "Till 1 · Ana              2026-11-23 15:00",
                "Receipt TILL1-000009",
            ]
        );
        assert!(text.contains("Refund of receipt TILL1-000004\n"));
        assert!(text.contains("2 × Mouse                            50.00\n"));
        assert!(text.contains("Bundle: Work-from-home kit          -15.00\n"));
        assert!(text.contains("REFUND TOTAL                        $54.00\n"));
    }
}
