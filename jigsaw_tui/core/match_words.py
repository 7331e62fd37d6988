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
stopping ban banning someone something somewhere anyone anything
""".split())  # the last lines say which way to change something, not what it is

# Words too common in lids to make two pieces one theme on their own: they count,
# but little (weight WEAK_WEIGHT instead of 1).
WEAK_WORDS = frozenset("""
support supports supported supporting people person good great better best
help helps helping need needs make making way ways thing things approach approaches
level levels everyone everybody clear having being able ensure right real positive
strong effective improve improved improving increase increased new key important
opportunity opportunities work working use using provide providing around well
see seeing feel feeling know knowing
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
           "without hierarchy", "level playing field", "power sharing", "sharing power",
           "power balance", "power imbalance", "power dynamics")),
    (0.8, ("trust", "trusting", "trusted", "psychological safety", "feeling safe",
           "feel safe", "safe space", "safe spaces", "honesty", "honest", "transparency",
           "transparent")),
    (0.9, ("accessible", "accessibility", "access", "easy to reach", "barrier free")),
    (0.8, ("listening", "listen", "listened", "listens", "heard", "being heard", "voice", "voices",
           "having a say", "someone to talk to", "a listening ear", "taken seriously",
           "being taken seriously", "say in decisions", "believed", "being believed")),
    (0.85, ("lived experience", "experts by experience", "people with experience",
            "service user", "service users")),
    (0.8, ("leadership", "leader", "leaders", "oversight", "coordination",
           "coordinator", "governance", "steering")),
    (0.8, ("diversity", "diverse", "different backgrounds", "range of voices", "variety")),
    (0.8, ("open mindedness", "open minded", "open-minded", "open mind", "curiosity",
           "curious", "non judgemental", "non-judgemental", "non judgmental",
           "without judgement", "not being judged", "not judged", "no judgement")),
    (0.8, ("celebrate", "celebrating", "celebration", "celebrations", "sharing success",
           "recognise success", "achievements")),
    (0.8, ("assess", "assessing", "evaluate", "evaluation", "monitoring", "measure",
           "measuring", "review", "reviewing", "progress")),
    (0.85, ("isolation", "isolated", "loneliness", "lonely", "social connection",
            "social contact", "befriending", "friends", "friendship", "friendships",
            "someone to chat to", "a chat", "chat", "company", "companionship")),
    (0.85, ("respite", "short break", "short breaks", "time off", "breaks", "a break",
            "time to rest", "rest breaks", "proper breaks")),
    (0.8, ("money", "finance", "finances", "financial", "income", "benefits", "debt",
           "debts", "cost of living", "poverty", "affordable", "affordability", "cheap",
           "cheaper", "low cost", "free", "allowance", "allowances", "cash", "cash first",
           "income maximisation", "maximising income", "welfare rights", "benefits advice")),
    (0.85, ("stigma", "shame", "taboo", "talking openly", "open conversations",
            "stigmatising")),
    (0.85, ("nature", "green space", "green spaces", "outdoors", "outdoor", "parks",
            "gardening", "garden", "woodland")),
    (0.85, ("exercise", "physical activity", "sport", "fitness", "keeping active")),
    (0.9, ("sleep", "sleeping", "rest", "resting")),
    (0.85, ("food", "diet", "eating", "nutrition", "meals", "fruit", "veg", "vegetables",
            "fresh food", "healthy food")),
    (0.85, ("transport", "travel", "bus", "buses", "train", "trains", "rail", "cycling",
            "bike", "bikes", "commuting", "fares", "bus fares", "getting around", "lifts")),
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
    (0.8, ("training", "skills", "education", "learning", "upskilling", "classes", "courses",
           "workshops")),
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
           "appreciated", "thank you", "thanks", "saying thank you", "praise")),
    (0.8, ("information", "signposting", "knowing where to go", "directory", "advice",
           "what's on", "knowing what's on", "where to go", "who to ask")),
    (0.85, ("flexibility", "flexible", "adaptable", "hybrid working", "hybrid", "flexible hours",
            "working from home", "home working", "part time")),
    (0.8, ("communication", "communicating", "keeping in touch", "updates", "dialogue",
           "conversation", "conversations")),
    (0.8, ("engagement", "participation", "involvement", "getting involved",
           "co-production", "coproduction", "co-design", "codesign")),
    (0.85, ("funding", "funds", "grants", "investment", "budget", "budgets", "resourcing",
            "resources", "resourced")),
    (0.85, ("young people", "youth", "teenagers", "teens", "adolescents",
            "children and young people")),
    (0.8, ("respect", "dignity", "kindness", "kind", "compassion", "compassionate", "empathy",
           "empathetic", "being kind", "caring staff")),
    (0.85, ("hope", "hopeful", "optimism")),
    (0.8, ("belonging", "sense of belonging", "welcome", "welcoming", "feeling welcome",
           "inclusion", "inclusive", "included", "being included", "feeling included")),
    (0.85, ("digital", "online", "technology", "internet", "virtual", "wifi", "broadband",
            "devices")),
    (0.85, ("employer", "employers", "workplace", "workplaces", "line manager",
            "line managers")),
    (0.85, ("housing", "accommodation", "somewhere to live", "home", "homes", "house", "flat",
            "tenancy", "tenancies", "a home of my own", "own home", "housing first", "homeless",
            "homelessness")),
    (0.85, ("gp", "gps", "doctor", "doctors", "primary care")),
    (0.9, ("staff", "workforce", "employees", "workers", "colleagues")),
    (0.85, ("person centred", "people centred", "treated as a person", "treated as an individual",
            "holistic", "whole person", "individual needs", "tailored", "personalised")),
    (0.85, ("continuity", "same gp", "same doctor", "same worker", "same person", "consistent",
            "consistency", "one worker", "one key worker", "named worker", "one point of contact")),
    (0.85, ("waiting times", "waiting time", "waiting lists", "waiting list", "quick access",
            "quicker access", "without waiting", "waits", "delays", "speedy")),
    (0.85, ("social prescribing", "link workers", "link worker", "community link workers",
            "things to do locally", "local activities", "community activities")),
    (0.85, ("youth clubs", "youth club", "places to hang out", "hang out", "somewhere to go",
            "places to go", "youth work", "youth centre", "drop in")),
    (0.9, ("lunch clubs", "lunch club", "community meals", "community meal", "shared meals",
           "social eating", "eating together", "community cafe", "community cafes")),
    (0.9, ("neighbours", "neighbourliness", "neighbourly", "good neighbours", "neighbourhood",
           "neighbors")),
    (0.85, ("counsellors", "counsellor", "counselling", "therapy", "therapies", "therapist",
            "talking therapies", "mental health support", "psychological support")),
    (0.85, ("jobs", "employment", "apprenticeships", "apprenticeship", "work experience",
            "careers", "career")),
    (0.85, ("street lighting", "street lights", "lighting", "lights")),
    (0.85, ("safe streets", "safe in the street", "community safety", "crime",
            "antisocial behaviour")),
    (0.85, ("police", "policing", "police officers", "community policing", "bobby on the beat")),
    (0.85, ("partnership", "partnerships", "partnership working", "joined up", "integration",
            "integrated", "collaboration", "collaborative", "working together", "joint working",
            "multi agency")),
    (0.8, ("data sharing", "information sharing", "sharing information", "shared records")),
    (0.85, ("trauma informed", "trauma aware", "adverse childhood experiences")),
    (0.8, ("relationships", "relationship building", "connections", "connecting", "networking",
           "getting to know each other")),
    (0.85, ("fun", "humour", "laughter", "laughing", "enjoyment", "enjoyable")),
    (0.8, ("music", "singing", "arts", "creativity", "creative", "dance", "dancing", "crafts")),
    (0.85, ("mindfulness", "meditation", "breathing", "relaxation", "relaxing")),
    (0.85, ("volunteering", "volunteer", "volunteers", "helping others", "giving back")),
    (0.9, ("pets", "animals", "dogs", "puppies", "cats")),
    (0.85, ("allotments", "community growing", "food growing", "grow your own",
            "community gardens", "community garden", "growing food")),
    (0.85, ("electric vehicles", "electric cars", "ev charging", "charging points")),
    (0.85, ("plastic", "plastics", "packaging", "single use")),
    (0.85, ("workload", "workloads", "manageable workload", "realistic targets", "targets",
            "work pressure", "pressure", "demands")),
    (0.85, ("career progression", "progression", "development opportunities",
            "professional development", "personal development", "cpd", "promotion")),
    (0.9, ("line management", "line manager", "line managers", "supportive manager",
           "supportive managers", "good manager", "good management")),
    (0.8, ("hobbies", "meaningful activities", "interests", "pastimes", "things i enjoy")),
    (0.9, ("somewhere to sit", "places to sit", "seating", "seats", "benches")),
    (0.9, ("signs", "signage", "clear signs", "wayfinding")),
    (0.9, ("quick", "quicker", "fast", "faster", "speedy", "prompt", "rapid", "swift")),
    (0.85, ("addiction", "addictions", "drugs", "drug", "alcohol", "substance use",
            "substance misuse")),
    (0.85, ("clean", "cleaner", "litter", "fly tipping", "rubbish", "tidy")),
    (0.8, ("space to meet", "somewhere to meet", "place to meet", "somewhere warm", "warm space",
           "warm spaces", "meeting space", "meeting rooms", "venue", "venues", "space to make work",
           "studio", "studios")),
    (0.8, ("long term", "ongoing", "keep going", "continued", "beyond the project")),
    (0.85, ("empowerment", "empowered", "control", "choice", "choices", "independence",
            "independent", "autonomy", "options")),
    (0.85, ("easy read", "plain english", "jargon free", "accessible information")),
    (0.75, ("mental health", "wellbeing", "emotional health", "emotional wellbeing")),
    (0.8, ("outcomes", "impact", "results", "making a difference")),
    (0.8, ("commitment", "committed", "buy in", "dedication")),
    (0.85, ("heating", "fuel poverty", "energy bills", "keeping warm", "heating bills")),
    (0.85, ("screening", "routine enquiry", "asking about", "identification", "identified")),
)

# Stems the stemmer gets wrong for this purpose: "informal" is not "information".
STEM_OVERRIDES = {"informal": "informal", "formal": "formal", "compassion": "compassion"}

# Word families the stemmer leaves apart ("neighbourliness" / "neighbours", "diagnosis"
# / "diagnostic") are joined when their stems share at least FAMILY_MIN letters and
# neither has more than FAMILY_EXTRA letters beyond that; or when one is a stem of four
# letters or more plus a derivational ending ("sign" / "signage"). These pairs look
# like families but are different words.
FAMILY_MIN = 6
FAMILY_EXTRA = 3
FAMILY_ENDINGS = ("ag", "age", "ment", "ness", "ship", "al", "ic", "iti", "ti", "li")
NOT_FAMILY = frozenset(frozenset(pair) for pair in (
    ("person", "personnel"), ("inform", "informal"), ("communic", "communiti"), ("form", "formal"),
    ("general", "generat"), ("nation", "nationali"), ("materi", "maternal"),
))

# Spellings folded together before stemming.
SPELLINGS = {
    "well-being": "wellbeing", "well being": "wellbeing", "co-production": "coproduction",
    "co-design": "codesign", "open-minded": "open minded", "non-judgemental": "non judgemental",
    "judgmental": "judgemental", "judgment": "judgement", "behaviour": "behavior",
    "joined-up": "joined up", "person-centred": "person centred", "person-centered": "person centred",
    "trauma-informed": "trauma informed", "buy-in": "buy in", "jargon-free": "jargon free", "long-term": "long term", "fly-tipping": "fly tipping", "drop-in": "drop in", "multi-agency": "multi agency",
    "neighbors": "neighbours", "neighbor": "neighbour",
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
