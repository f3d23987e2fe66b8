#!/bin/sh
# How data/quad-2021-2023.json was built: `coopgraph draft` on each Quad leaders' statement
# (merged with --into), then the review decisions below, made by reading the three statements.
# Run from the repository root: sh data/build/quad-2021-2023.sh
set -eu
coopgraph=${COOPGRAPH:-target/release/coopgraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
quad=data/sources/quad
d="$work/quad.json"
$coopgraph draft "$quad/quad-2021-09-24-leaders-joint-statement.txt" -o "$d"
$coopgraph draft "$quad/quad-2022-05-24-leaders-joint-statement.txt" --into "$d"
$coopgraph draft "$quad/quad-2023-05-20-leaders-joint-statement.txt" --into "$d"

# One Leaders' Summit, one Foreign Ministers' Meeting: the draft proposed each mention.
$coopgraph review "$d" \
  --merge quad-summit=quad-leaders-summit \
  --merge tokyo-quad-leaders-summit=quad-leaders-summit \
  --merge regular-meetings-by-the-leaders-and-foreign=quad-leaders-summit \
  --merge meetings-of-leaders-and-foreign-ministers=quad-foreign-ministers-meeting \
  --merge joint-pandemic-preparedness-tabletop-or-exercise=quad-pandemic-preparedness-exercise \
  --merge international-standards-cooperation-network=quad-international-standards-cooperation-network \
  --rename "quad-leaders-summit=Quad Leaders’ Summit" \
  --set quad-leaders-summit.frequency=annual \
  --set "quad-leaders-summit.note=The leaders' annual summit (2021: 'our leaders and foreign ministers will meet annually'; 2022: 'regular meetings by the Leaders and Foreign Ministers'). 2021 Washington, 2022 Tokyo, 2023 Hiroshima." \
  --remove-participant quad-leaders-summit=dfat \
  --remove-participant quad-leaders-summit=mea \
  --remove-participant quad-leaders-summit=mofa \
  --remove-participant quad-leaders-summit=state-department \
  --set quad-foreign-ministers-meeting.frequency=annual \
  --set "quad-foreign-ministers-meeting.note=The four foreign ministers meet annually (2021); the 2023 statement endorses the 3 March 2023 meeting in New Delhi." \
  --rename "meetings-of-senior-officials=Quad senior officials’ meetings" \
  --set meetings-of-senior-officials.frequency=regular \
  --set "meetings-of-senior-officials.note=Senior officials of the four foreign ministries ('our senior officials will meet regularly'); the foreign ministries are inferred from the Quad's practice, not named." \
  --rename "quad-pandemic-preparedness-exercise=Quad Pandemic Preparedness Exercise" \
  --set "quad-pandemic-preparedness-exercise.note=Announced in 2021 as 'a joint pandemic-preparedness tabletop or exercise in 2022'; named in 2023." \
  --rename "quad-international-standards-cooperation-network=Quad International Standards Cooperation Network (ISCN)" \
  --rename "new-quad-infrastructure-partnership=Quad Infrastructure Partnership" \
  --rename "sector-specific-contact-groups=Sector-specific contact groups on technical standards" \
  --rename "quad-leaders-meeting=Meeting of the development finance institutions and agencies" \
  --set "quad-leaders-meeting.note=Held in the margins of the 2022 Quad Leaders' Meeting in Tokyo; the four institutions are those the statement's words name by function ('development finance institutions and agencies of the four countries')." \
  --rename "memorandum-of-cooperation=Memorandum of Cooperation among the export credit agencies" \
  --rename "business-and-investment-forum=Quad business and investment forum" \
  --set sydney-energy-forum.via=quad \
  --add-participant sydney-energy-forum=australian-government:host \
  --set "sydney-energy-forum.note=Hosted by Australia in July 2022 (2023 statement)." \
  --add-participant quad-clean-hydrogen-partnership=government-of-india:host \
  --set "quad-clean-hydrogen-partnership.note=Its meeting was hosted by India in July 2022 (2023 statement)." \
  --remove-participant quad-debt-management-resource-portal=australian-treasury \
  --remove-participant quad-debt-management-resource-portal=mof-india \
  --remove-participant quad-debt-management-resource-portal=mof-japan \
  --remove-participant quad-debt-management-resource-portal=treasury \
  --add-participant quad-debt-management-resource-portal=australian-government \
  --add-participant quad-debt-management-resource-portal=government-of-india \
  --add-participant quad-debt-management-resource-portal=government-of-japan \
  --add-participant quad-debt-management-resource-portal=government-of-the-united-states \
  --set "quad-debt-management-resource-portal.note=The 'finance authorities' the sentence names are those of the countries the portal helps, not the Quad's: the four governments provide it." \
  --drop australian-treasury --drop mof-india --drop mof-japan --drop treasury \
  --drop pacific-led-weather-ready-pacific-initiative \
  --accept-all

# The paths of the texts as committed, the dataset's title, and the Quad's members.
python3 - "$d" <<'PY'
import json, sys
path = sys.argv[1]
d = json.load(open(path))
d["title"] = "Quad leaders' joint statements, 2021–2023"
d["description"] = ("The cooperation mechanisms the Quad leaders' joint statements of 24 September 2021 (Washington), "
    "24 May 2022 (Tokyo) and 20 May 2023 (Hiroshima) name, each citing every statement that names it. Drafted with "
    "`coopgraph draft` and reviewed by hand (data/build/quad-2021-2023.sh). Texts: works of the US Government (public domain), "
    "data/sources/quad/SOURCES.md.")
for s in d["sources"]:
    s["file"] = "sources/quad/" + s["id"] + ".txt"
    s["url"] = {
        "quad-2021-09-24-leaders-joint-statement": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/09/24/joint-statement-from-quad-leaders/",
        "quad-2022-05-24-leaders-joint-statement": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2022/05/24/quad-joint-leaders-statement/",
        "quad-2023-05-20-leaders-joint-statement": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/05/20/quad-leaders-joint-statement/",
    }[s["id"]]
# The 2022 sentence on "regular meetings by the Leaders and Foreign Ministers" names both.
summit = next(m for m in d["mechanisms"] if m["id"] == "quad-leaders-summit")
ministers = next(m for m in d["mechanisms"] if m["id"] == "quad-foreign-ministers-meeting")
for citation in summit["sources"]:
    if citation["doc"].startswith("quad-2022") and not any(c["doc"] == citation["doc"] for c in ministers["sources"]):
        ministers["sources"].append(dict(citation))
order = [s["id"] for s in d["sources"]]
ministers["sources"].sort(key=lambda c: order.index(c["doc"]))
# Areas whose mechanisms were merged into others' are left out.
used = {m.get("area") for m in d["mechanisms"]}
d["areas"] = [a for a in d["areas"] if a["id"] in used]
for f in d["forums"]:
    if f["id"] == "quad":
        f["members"] = ["australia", "india", "japan", "united-states"]
        f["note"] = "The four countries whose leaders issue the statements ('We, the leaders of Australia, India, Japan, and the United States ... as the Quad', 2021)."
json.dump(d, open(path, "w"), ensure_ascii=False, indent=2)
open(path, "a").write("\n")
PY
cp "$d" data/quad-2021-2023.json
$coopgraph --data data/quad-2021-2023.json validate --strict
