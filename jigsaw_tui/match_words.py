"""The hand-made vocabulary behind theme suggestions (matching.py): plain data, no logic.

Kept apart so that a facilitator or a maintainer can read and extend it without
touching the scorer. Everything here is written in plain words; matching.py stems it.
"""

# Words that carry no meaning of their own in a lid piece.
STOP_WORDS = frozenset("""
a an the and or nor but of to in into on onto at by for from with within without as
is are was were be been being am it its it's this that these those there here
we our ours us you your yours they their theirs them i me my he she his her him
what which who whom whose when where why how than then so too very just also
can could will would should shall may might must do does did doing done have has had
about over under up down out off again further once all any both each either few
most other others some such only own same not no via per across between through
during before after above below while if because until against among amongst upon
yet etc eg e.g ie i.e lots lot much many s t let get gets getting got
less fewer reduce reduced reducing reduction lower lowering cut cuts cutting more
increase increased increasing higher raise raising end ending tackle tackling stop
stopping ban banning
""".split())  # the last lines say which way to change something, not what it is

# Words too common in lids to make two pieces one theme on their own: they count,
# but little (weight WEAK_WEIGHT instead of 1).
WEAK_WORDS = frozenset("""
support supports supported supporting people person good great better best
help helps helping need needs make making way ways thing things approach approaches
level levels everyone everybody clear having being able ensure right real positive
strong effective improve improved improving increase increased new key important
opportunity opportunities work working use using provide providing around well
""".split())
WEAK_WEIGHT = 0.35

# Near meanings in the field (community, health, social care, climate, carers,
# wellbeing, gambling harms, suicide prevention, networks). Each entry:
# (how close its members are, 0..1, its members). A member may be a phrase; a phrase
# matches only as a whole ("no hierarchy" does, "clear hierarchy" does not).
CONCEPTS: tuple[tuple[float, tuple[str, ...]], ...] = (
    (0.9, ("purpose", "goal", "aim", "vision", "mission", "objective", "direction")),
    (0.9, ("shared", "common", "collective", "joint", "mutual", "together", "united")),
    (0.8, ("equity", "equitable", "equality", "equal", "fairness", "fair", "inclusion",
           "inclusive", "no hierarchy", "flat hierarchy", "non hierarchical",
           "without hierarchy", "level playing field")),
    (0.8, ("trust", "trusting", "trusted", "psychological safety", "feeling safe",
           "feel safe", "safe space", "safe spaces", "honesty", "honest")),
    (0.9, ("accessible", "accessibility", "access", "easy to reach", "barrier free")),
    (0.8, ("listening", "listen", "listened", "heard", "being heard", "voice", "voices",
           "having a say", "someone to talk to", "a listening ear")),
    (0.85, ("lived experience", "experts by experience", "people with experience",
            "service user", "service users")),
    (0.8, ("leadership", "leader", "leaders", "oversight", "coordination",
           "coordinator", "governance", "steering")),
    (0.8, ("diversity", "diverse", "different backgrounds", "range of voices", "variety")),
    (0.8, ("open mindedness", "open minded", "open-minded", "open mind", "curiosity",
           "curious", "non judgemental", "non-judgemental", "non judgmental",
           "without judgement")),
    (0.8, ("celebrate", "celebrating", "celebration", "celebrations", "sharing success",
           "recognise success", "achievements")),
    (0.8, ("assess", "assessing", "evaluate", "evaluation", "monitoring", "measure",
           "measuring", "review", "reviewing", "progress")),
    (0.85, ("isolation", "isolated", "loneliness", "lonely", "social connection",
            "social contact", "befriending", "friends", "friendship", "friendships")),
    (0.85, ("respite", "short break", "short breaks", "time off", "breaks", "a break")),
    (0.8, ("money", "finance", "finances", "financial", "income", "benefits", "debt",
           "debts", "cost of living", "poverty", "affordable", "affordability")),
    (0.85, ("stigma", "shame", "taboo", "talking openly", "open conversations",
            "stigmatising")),
    (0.85, ("nature", "green space", "green spaces", "outdoors", "outdoor", "parks",
            "gardening", "garden", "woodland")),
    (0.85, ("exercise", "physical activity", "sport", "fitness", "keeping active")),
    (0.9, ("sleep", "sleeping", "rest", "resting")),
    (0.85, ("food", "diet", "eating", "nutrition", "meals")),
    (0.85, ("transport", "travel", "bus", "buses", "train", "trains", "rail", "cycling",
            "bike", "bikes", "commuting")),
    (0.85, ("renewable", "renewables", "solar", "wind power", "heat pumps",
            "clean energy", "green energy", "community energy")),
    (0.9, ("clean air", "air quality", "air pollution", "pollution")),
    (0.85, ("insulation", "retrofit", "retrofitting", "energy efficiency", "warm homes",
            "draught proofing")),
    (0.85, ("emissions", "carbon", "net zero", "decarbonisation", "carbon footprint",
            "greenhouse gas")),
    (0.85, ("waste", "recycling", "reuse", "repair", "circular economy", "composting")),
    (0.85, ("biodiversity", "wildlife", "habitats", "tree planting", "trees",
            "rewilding", "pollinators")),
    (0.8, ("awareness", "raising awareness", "campaign", "campaigns", "public information",
           "literacy")),
    (0.8, ("training", "skills", "education", "learning", "upskilling")),
    (0.85, ("crisis", "crisis support", "crisis line", "helpline", "out of hours",
            "emergency")),
    (0.85, ("bereavement", "bereaved", "grief", "grieving", "loss", "postvention")),
    (0.85, ("peer support", "peers", "peer", "mutual aid", "support groups",
            "self help groups")),
    (0.8, ("early intervention", "prevention", "preventative", "early help",
           "early support", "warning signs", "spotting the signs")),
    (0.85, ("advertising", "adverts", "ads", "marketing", "sponsorship", "promotions")),
    (0.85, ("blocking software", "self exclusion", "gamstop", "blocking")),
    (0.8, ("recognition", "recognised", "valued", "feeling valued", "appreciation",
           "appreciated")),
    (0.8, ("information", "signposting", "knowing where to go", "directory", "advice")),
    (0.85, ("flexibility", "flexible", "adaptable")),
    (0.8, ("communication", "communicating", "keeping in touch", "updates", "dialogue",
           "conversation", "conversations")),
    (0.8, ("engagement", "participation", "involvement", "getting involved",
           "co-production", "coproduction", "co-design", "codesign")),
    (0.85, ("funding", "funds", "grants", "investment", "budget", "budgets", "resourcing")),
    (0.85, ("young people", "youth", "teenagers", "children and young people")),
    (0.8, ("respect", "dignity", "kindness", "compassion", "empathy", "being kind")),
    (0.85, ("hope", "hopeful", "optimism")),
    (0.8, ("belonging", "sense of belonging", "welcome", "welcoming", "feeling welcome",
           "inclusion")),
    (0.85, ("digital", "online", "technology", "internet", "virtual")),
    (0.85, ("employer", "employers", "workplace", "workplaces", "line manager",
            "line managers")),
    (0.85, ("housing", "accommodation", "somewhere to live")),
    (0.85, ("gp", "gps", "doctor", "doctors", "primary care")),
)

# Spellings folded together before stemming.
SPELLINGS = {
    "well-being": "wellbeing", "well being": "wellbeing", "co-production": "coproduction",
    "co-design": "codesign", "open-minded": "open minded", "non-judgemental": "non judgemental",
    "judgmental": "judgemental", "judgment": "judgement", "behaviour": "behavior",
}

# Real words one typo apart: never taken for a typo of each other.
NOT_TYPOS = frozenset(
    frozenset(pair) for pair in (
        ("carer", "career"), ("carers", "careers"), ("trust", "truth"), ("lived", "loved"),
        ("form", "from"), ("causal", "casual"), ("adopt", "adapt"), ("affect", "effect"),
        ("prevention", "presentation"), ("inclusion", "exclusion"), ("personal", "personnel"),
        ("council", "counsel"), ("advice", "advise"), ("practice", "practise"),
        ("quite", "quiet"), ("diary", "dairy"), ("legible", "eligible"), ("heath", "health"),
    )
)
