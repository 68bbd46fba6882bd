//! A small rule-based English lemmatizer for verbs and nouns, used where the
//! input carries no lemmas (Penn Treebank parses of validation records) and to
//! generate the inflected forms of dictionary verbs.

/// Irregular verbs: (lemma, past, past participle).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("be", "was", "been"),
    ("bear", "bore", "borne"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bid", "bid", "bid"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("burn", "burnt", "burnt"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forecast", "forecast", "forecast"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("overcome", "overcame", "overcome"),
    ("overrun", "overran", "overrun"),
    ("overtake", "overtook", "overtaken"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shed", "shed", "shed"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("slay", "slew", "slain"),
    ("sleep", "slept", "slept"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undergo", "underwent", "undergone"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("upset", "upset", "upset"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
    ("wound", "wounded", "wounded"),
    ("spit", "spat", "spat"),
    ("swim", "swam", "swum"),
    ("light", "lit", "lit"),
    ("speed", "sped", "sped"),
    ("sting", "stung", "stung"),
    ("stride", "strode", "stridden"),
    ("shine", "shone", "shone"),
    ("flung", "flung", "flung"),
];

fn irregular_lemma(w: &str) -> Option<&'static str> {
    match w {
        "is" | "are" | "am" | "was" | "were" | "been" | "being" | "'s" | "'re" | "'m" => {
            return Some("be")
        }
        "has" | "had" | "having" | "'ve" => return Some("have"),
        "does" | "did" | "done" => return Some("do"),
        "wo" => return Some("will"),
        "ca" => return Some("can"),
        "n't" => return Some("not"),
        _ => {}
    }
    IRREGULAR
        .iter()
        .find(|(_, p, pp)| *p == w || *pp == w)
        .map(|(l, _, _)| *l)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Undoes a doubled final consonant ("stopped" -> "stop"), keeping "ll", "ss" etc.
fn undouble(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 3 || b[n - 1] != b[n - 2] || is_vowel(b[n - 1]) || !is_vowel(b[n - 3]) {
        return stem.to_string();
    }
    let undo = match b[n - 1] {
        // "kill", "press", "buzz", "staff" keep theirs; "controlled" -> "control".
        b'l' => n >= 7,
        b's' | b'z' | b'f' => false,
        // "committed", "regretted" -> commit, regret; "boycotted" keeps "tt".
        b't' => n <= 5 || matches!(b[n - 3], b'i' | b'e'),
        // "occurred", "deferred".
        b'r' => true,
        _ => n <= 6,
    };
    if undo {
        stem[..n - 1].to_string()
    } else {
        stem.to_string()
    }
}

/// Needs an "e" back ("restored" -> "restor" -> "restore")?
/// Verbs in -or that take no final e ("honored" -> "honor", but "restored" -> "restore").
const NO_E_OR: &[&str] = &[
    "honor", "favor", "labor", "harbor", "mirror", "anchor", "monitor", "sponsor", "censor",
    "author", "mentor", "tutor", "color", "endeavor", "armor", "rumor", "savor", "factor",
    "doctor", "tailor", "motor", "vendor", "flavor", "clamor", "parlor", "rigor",
];

fn needs_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    let last = b[n - 1];
    let prev = b[n - 2];
    // -v, -z, -c(e), -g(e) after vowel, consonant+vowel+consonant patterns
    if matches!(last, b'v' | b'z') {
        return true;
    }
    if stem.ends_with("at") && n > 4 || stem.ends_with("iz") || stem.ends_with("is") && n > 4 {
        return true;
    }
    if matches!(last, b'c' | b'g') && !matches!(prev, b'n' | b'r') && is_vowel(prev) {
        return true;
    }
    if stem.ends_with("rg") || stem.ends_with("ng") && stem.ends_with("ang") && n > 5 {
        return true;
    }
    if matches!(
        last,
        b's' | b'r' | b'l' | b't' | b'd' | b'm' | b'n' | b'p' | b'k' | b'b'
    ) && n >= 3
        && is_vowel(prev)
        && !is_vowel(b[n - 3])
        && !matches!(prev, b'e')
        && !(prev == b'o' && last == b'r' && NO_E_OR.iter().any(|w| stem.ends_with(w)))
    {
        // "restor", "declar", "us", "vot", "invit": but not "open", "visit" (handled by
        // the default: ambiguous, we prefer adding e for u/o/a + single consonant).
        return matches!(prev, b'u' | b'o' | b'a' | b'i')
            && !matches!(last, b'n' | b'm' | b't' if prev == b'i')
            && !(last == b't' && prev == b'i');
    }
    false
}

/// The lemma of `form` with the Penn Treebank tag `tag`.
pub fn lemmatize(form: &str, tag: &str) -> String {
    let w = form.to_lowercase();
    if tag.starts_with("NNP") {
        return form.to_string();
    }
    if tag.starts_with("VB") || tag == "MD" {
        return verb_lemma(&w);
    }
    if tag == "NNS" {
        return noun_lemma(&w);
    }
    w
}

/// The lemma of a verb form.
pub fn verb_lemma(w: &str) -> String {
    if let Some(l) = irregular_lemma(w) {
        return l.to_string();
    }
    if w.len() > 4 {
        if let Some(s) = w.strip_suffix("ied") {
            return format!("{s}y");
        }
        if let Some(s) = w
            .strip_suffix("eed")
            .filter(|s| s.ends_with('r') || s.ends_with('t'))
        {
            // "agreed", "guaranteed", "freed" (but "proceed", "need" are base forms).
            return format!("{s}ee");
        }
        if let Some(s) = w.strip_suffix("ed") {
            if s.ends_with('e') {
                return s.to_string();
            }
            let u = undouble(s);
            if u.len() < s.len() {
                return u;
            }
            if needs_e(s) {
                return format!("{s}e");
            }
            return s.to_string();
        }
        if let Some(s) = w.strip_suffix("ing") {
            let u = undouble(s);
            if u.len() < s.len() {
                return u;
            }
            if s.ends_with('y') || s.ends_with("ee") {
                return s.to_string();
            }
            if needs_e(s) {
                return format!("{s}e");
            }
            return s.to_string();
        }
    }
    if w.len() > 3 {
        if let Some(s) = w.strip_suffix("ies") {
            return format!("{s}y");
        }
        for suf in ["sses", "shes", "ches", "xes", "zes", "oes"] {
            if w.ends_with(suf) {
                return w[..w.len() - 2].to_string();
            }
        }
        if let Some(s) = w.strip_suffix('s') {
            if !s.ends_with('s') && !s.ends_with('u') && !s.ends_with('i') {
                return s.to_string();
            }
        }
    }
    w.to_string()
}

/// The singular of a plural noun.
pub fn noun_lemma(w: &str) -> String {
    match w {
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "people" => return "person".into(),
        "children" => return "child".into(),
        "police" | "news" | "troops" | "forces" => {
            if w == "troops" {
                return "troop".into();
            }
            if w == "forces" {
                return "force".into();
            }
            return w.into();
        }
        _ => {}
    }
    if w.len() > 3 {
        if let Some(s) = w.strip_suffix("ies") {
            return format!("{s}y");
        }
        for suf in ["sses", "shes", "ches", "xes", "zes"] {
            if w.ends_with(suf) {
                return w[..w.len() - 2].to_string();
            }
        }
        if let Some(s) = w.strip_suffix('s') {
            if !s.ends_with('s') && !s.ends_with('u') {
                return s.to_string();
            }
        }
    }
    w.to_string()
}

/// Inflected forms of a verb lemma (base, -s, -ed, -ing, irregular past forms).
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let l = lemma.to_lowercase();
    let mut out = vec![l.clone()];
    if let Some((_, p, pp)) = IRREGULAR.iter().find(|(b, _, _)| *b == l) {
        out.push(p.to_string());
        out.push(pp.to_string());
    }
    let b = l.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    // Third person.
    if l.ends_with('y') && n > 1 && !is_vowel(b[n - 2]) {
        out.push(format!("{}ies", &l[..n - 1]));
    } else if l.ends_with('s')
        || l.ends_with('x')
        || l.ends_with('z')
        || l.ends_with("sh")
        || l.ends_with("ch")
        || l.ends_with('o')
    {
        out.push(format!("{l}es"));
    } else {
        out.push(format!("{l}s"));
    }
    // Past and gerund.
    if last == b'e' {
        if !l.ends_with("ee") {
            out.push(format!("{}ing", &l[..n - 1]));
        } else {
            out.push(format!("{l}ing"));
        }
        out.push(format!("{l}d"));
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        out.push(format!("{}ied", &l[..n - 1]));
        out.push(format!("{l}ing"));
    } else {
        out.push(format!("{l}ed"));
        out.push(format!("{l}ing"));
        // Doubling for short CVC verbs ("stop", "ban", "plan").
        if n >= 3
            && !is_vowel(last)
            && is_vowel(b[n - 2])
            && !is_vowel(b[n - 3])
            && !matches!(last, b'w' | b'x' | b'y')
        {
            out.push(format!("{l}{}ed", last as char));
            out.push(format!("{l}{}ing", last as char));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs() {
        for (f, l) in [
            ("restored", "restore"),
            ("arrested", "arrest"),
            ("met", "meet"),
            ("criticized", "criticize"),
            ("stopped", "stop"),
            ("broken", "break"),
            ("departs", "depart"),
            ("signed", "sign"),
            ("urged", "urge"),
            ("accused", "accuse"),
            ("visited", "visit"),
            ("opened", "open"),
            ("killed", "kill"),
            ("said", "say"),
            ("rejected", "reject"),
            ("declared", "declare"),
            ("voted", "vote"),
            ("fled", "flee"),
            ("denies", "deny"),
            ("pushes", "push"),
            ("warned", "warn"),
            ("accusing", "accuse"),
            ("meeting", "meet"),
            ("agreed", "agree"),
        ] {
            assert_eq!(verb_lemma(f), l, "{f}");
        }
    }

    #[test]
    fn nouns_and_forms() {
        assert_eq!(noun_lemma("talks"), "talk");
        assert_eq!(noun_lemma("authorities"), "authority");
        assert_eq!(noun_lemma("troops"), "troop");
        let f = verb_forms("stop");
        assert!(f.contains(&"stopped".to_string()));
        let f = verb_forms("restore");
        assert!(f.contains(&"restored".to_string()) && f.contains(&"restoring".to_string()));
        assert!(verb_forms("meet").contains(&"met".to_string()));
    }
}
