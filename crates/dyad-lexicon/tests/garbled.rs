//! Garbled dictionary lines never panic: every reader returns a result (an error
//! naming file and line, or warnings) on truncated and mangled input. Uses the
//! PETRARCH files from ../shared when present, else small inline samples.

use dyad_lexicon::{
    ActorDictionary, AgentDictionary, DiscardDictionary, IssueDictionary, Lexicon, VerbDictionary,
};
use std::path::PathBuf;

const SAMPLES: &[&str] = &[
    "HAMID_KARZAI_  # c\n+KARZAI_\n\t[AFGELI 750101-000101]\n\t[AFGGOV >011222]\nNATO_\t[IGOWSTNAT] [---]\n",
    "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nPOLICE {} [~COP]\n",
    "&CURRENCY\n+MONEY\n+CASH_\n--- GRANT [070] ---\nGIVE {GAVE GIVEN} [071]\n+CORDON_OFF {+CORDONED_OFF}\n- * (TO {ARMS SHIPMENT} $) &CURRENCY [042:043]\n- + WAS_ * TO_ ^ FROM % [174]\n~ a (a b ATTACK) SAY = a b 015\n",
    "<ISSUE CATEGORY=\"X\">\nn:preschool [EDU]\npre+v:school [EDU]\n~~a head start\n</ISSUE>\n",
    "UKR\tUkraine; Kyiv\n-\tVolodymyr Zelensky\tUKRELI@..2019-05-19\tUKRGOV@2019-05-20..\n",
    "036\tmeet; ~talk; -meet with; ask for economic aid\n",
    "GOV\tpresident; foreign minister\nMIL+GOV\tdefence minister\n",
    "NEUTRALITY\tneutrality; neutral status\n",
];

/// A tiny deterministic generator (no dependency needed for this).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn mangle(text: &str, rng: &mut Lcg) -> String {
    const JUNK: &[&str] = &[
        "[", "]", "{", "}", "(", ")", "*", "&", "+", "-", "~", "!", "\t", "@", "..", ";", "_", "é",
        "#", "<!--", "-->", "$", "%", "^", ":", "=",
    ];
    let mut out = String::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        match rng.next() % 4 {
            0 => out.extend(&chars[..rng.next() % (chars.len() + 1)]),
            1 => {
                let at = rng.next() % (chars.len() + 1);
                out.extend(&chars[..at]);
                out.push_str(JUNK[rng.next() % JUNK.len()]);
                out.extend(&chars[at..]);
            }
            2 => {
                for c in &chars {
                    if rng.next() % 7 == 3 {
                        out.push_str(JUNK[rng.next() % JUNK.len()]);
                    } else {
                        out.push(*c);
                    }
                }
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn run_all(text: &str) {
    let mut w = Vec::new();
    let _ = ActorDictionary::default().read_petrarch("a", text, &mut w);
    let _ = ActorDictionary::default().read_dyad("a", text);
    let _ = AgentDictionary::default().read_petrarch("a", text, &mut w);
    let _ = AgentDictionary::default().read_dyad("a", text);
    let _ = VerbDictionary::default().read_petrarch("a", text, &mut w);
    let _ = VerbDictionary::default().read_dyad("a", text);
    let _ = IssueDictionary::default().read_petrarch("a", text, &mut w);
    let _ = IssueDictionary::default().read_dyad("a", text);
    let _ = DiscardDictionary::default().read_petrarch("a", text, &mut w);
    if let Ok(lex) = Lexicon::from_dyad_sources([("actors/x.txt", text)], |n| n.to_string()) {
        let _ = dyad_lexicon::check(&lex);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut a = ActorDictionary::default();
    if a.read_dyad("a", "UKR\tUkraine\n").is_ok() {
        let _ = a.find_mentions(&words);
    }
}

#[test]
fn garbled_lines_never_panic() {
    let mut texts: Vec<String> = SAMPLES.iter().map(|s| s.to_string()).collect();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch");
    for f in [
        "PETR.Validate.verbs.txt",
        "PETR.Validate.actors.txt",
        "PETR.Validate.agents.txt",
    ] {
        if let Ok(t) = std::fs::read_to_string(dir.join(f)) {
            texts.push(t);
        }
    }
    let mut rng = Lcg(42);
    for t in &texts {
        run_all(t);
        for _ in 0..40 {
            run_all(&mangle(t, &mut rng));
        }
    }
}
