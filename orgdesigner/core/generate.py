"""Synthetic but realistic organisations, for demos and benchmarks.

:func:`generate` builds a company of exactly N people: a CEO and an executive
team of function leaders, each division a tree of teams (mostly single-threaded,
some on the three-legged stool), functional coaches keeping the crafts'
standards, a few open positions and embedded principal engineers, and a handful
of deliberate problems so the validator has something to say. The same seed
always gives the same document.

The role library here is also what the bundled examples are written from, so a
generated organisation prints a role-definition document worth reading.
"""

from __future__ import annotations

import math
import random
from typing import Any

from .model import CURRENT_VERSION, FORMAT_NAME, Document

# -- the role library ------------------------------------------------------------
# Each role: title, function, people_manager, purpose, responsibilities and a
# career ladder of (code, title, expectations). Written once, used by the
# generator and by the bundled examples.

RoleSpec = dict[str, Any]


def _role(
    id_: str,
    title: str,
    function: str | None,
    manager: bool,
    purpose: str,
    responsibilities: list[str],
    levels: list[tuple[str, str, str]],
) -> RoleSpec:
    return {
        "id": id_,
        "title": title,
        "function": function,
        "people_manager": manager,
        "purpose": purpose,
        "responsibilities": responsibilities,
        "levels": [{"code": c, "title": t, "expectations": e} for c, t, e in levels],
    }


ROLE_LIBRARY: dict[str, RoleSpec] = {
    r["id"]: r
    for r in (
        # -- executive -----------------------------------------------------------
        _role(
            "ceo",
            "Chief Executive Officer",
            None,
            True,
            "Sets where the company is going and makes sure it has the leaders, money and "
            "structure to get there.",
            [
                "Owns the strategy and the yearly plan, and says no to what is not in it.",
                "Hires, coaches and, when needed, replaces the executive team.",
                "Decides the shape of the organisation: which teams own which areas.",
                "Reports to the board and keeps the company funded.",
            ],
            [
                (
                    "X1",
                    "Chief Executive Officer",
                    "Runs a company with one product line; knows every leader personally.",
                ),
                (
                    "X2",
                    "Chief Executive Officer, several divisions",
                    "Runs several divisions through their leaders; manages by mechanisms rather "
                    "than by attending every review.",
                ),
            ],
        ),
        _role(
            "gm",
            "General Manager, Product Development",
            "product",
            True,
            "Single-threaded owner of the whole product development organisation: answers for "
            "what it ships, what it costs and how well it is run.",
            [
                "Sets the product strategy and splits it into areas, each with one owner.",
                "Chooses, coaches and reviews the owners of the teams below.",
                "Holds the weekly business review and acts on what it shows.",
                "Keeps the budget, headcount plan and hiring priorities.",
                "Works with the heads of the crafts so each keeps its own standards.",
            ],
            [
                (
                    "GM1",
                    "General Manager",
                    "Owns a product line with a few teams; can step into any of them.",
                ),
                (
                    "GM2",
                    "Senior General Manager",
                    "Owns several product lines through their owners; the organisation runs well "
                    "when they are away for a month.",
                ),
            ],
        ),
        _role(
            "chief-of-staff",
            "Chief of Staff",
            "operations",
            False,
            "Gives the executive team time back: runs the operating rhythm and chases the "
            "decisions nobody else owns.",
            [
                "Runs the planning calendar, the leadership meetings and their follow-ups.",
                "Prepares board and all-hands material with the executives.",
                "Leads short cross-company projects that have no natural owner.",
            ],
            [
                ("CS1", "Chief of Staff", "Keeps the leadership rhythm running without reminders."),
                (
                    "CS2",
                    "Senior Chief of Staff",
                    "Spots problems between teams before the executives do and proposes a fix.",
                ),
            ],
        ),
        _role(
            "executive-assistant",
            "Executive Assistant",
            "operations",
            False,
            "Makes an executive's week work: time, travel, and the many small commitments "
            "around them.",
            [
                "Manages the calendar and protects time for the work that matters.",
                "Organises travel, offsites and visits.",
                "Tracks actions from meetings and reminds their owners.",
            ],
            [
                ("EA1", "Executive Assistant", "Supports one executive reliably and discreetly."),
                (
                    "EA2",
                    "Senior Executive Assistant",
                    "Supports several executives and runs company events end to end.",
                ),
            ],
        ),
        # -- engineering -----------------------------------------------------------
        _role(
            "cto",
            "Chief Technology Officer",
            "engineering",
            True,
            "Leads the engineering craft across the company and keeps its standards, whoever "
            "the engineers report to day to day.",
            [
                "Owns the engineering ladder, career paths, promotions and hiring bar.",
                "Sets technical direction with the principal engineers and arbitrates between "
                "teams when designs collide.",
                "Answers for the security, reliability and cost of the systems.",
                "Coaches engineering managers who report to owners outside engineering.",
            ],
            [
                (
                    "X1",
                    "Chief Technology Officer",
                    "Leads engineering for one product organisation; knows the key systems in depth.",
                ),
                (
                    "X2",
                    "Chief Technology Officer, several divisions",
                    "Leads engineering through directors and principals; standards hold across "
                    "divisions they rarely visit.",
                ),
            ],
        ),
        _role(
            "eng-director",
            "Director of Engineering",
            "engineering",
            True,
            "Leads a group of engineering teams, or owns a product area outright, and grows "
            "the managers who run them.",
            [
                "Owns delivery and technical health of the teams in the group.",
                "Hires and coaches engineering managers; acts as their functional manager when "
                "they report to a product owner.",
                "Plans headcount and staffing with the group's product lead.",
                "Represents the group in architecture and incident reviews.",
            ],
            [
                (
                    "D1",
                    "Director of Engineering",
                    "Leads three to six teams through their managers; delivery is predictable.",
                ),
                (
                    "D2",
                    "Senior Director of Engineering",
                    "Leads several groups through directors; shapes the engineering ladder and "
                    "hiring practice for the whole craft.",
                ),
            ],
        ),
        _role(
            "em",
            "Engineering Manager",
            "engineering",
            True,
            "Leads one team: its people, how it works and, on a single-threaded team, its "
            "outcome as the owner.",
            [
                "Hires, coaches and gives feedback to the people on the team.",
                "Runs planning, delivery and the team's rituals, and removes what blocks them.",
                "Keeps quality, on-call load and technical debt in balance with new work.",
                "As an owner, decides priorities within the team's area with product and design.",
            ],
            [
                (
                    "M1",
                    "Engineering Manager",
                    "Leads a team of five to eight; the team delivers what it commits to.",
                ),
                (
                    "M2",
                    "Senior Engineering Manager",
                    "Leads a large team or a team of teams; grows tech leads into managers.",
                ),
                (
                    "M3",
                    "Principal Engineering Manager",
                    "Owns an area whose scope changes with the business; other managers seek "
                    "their advice.",
                ),
            ],
        ),
        _role(
            "swe",
            "Software Engineer",
            "engineering",
            False,
            "Designs, builds and runs the software that gives the team's customers what they need.",
            [
                "Writes, reviews and tests code to the team's standards.",
                "Designs changes in proportion to their risk and writes them down.",
                "Runs what they build: monitoring, on-call and fixing what breaks.",
                "Helps teammates and newcomers get productive.",
            ],
            [
                (
                    "E1",
                    "Software Engineer I",
                    "Delivers well-defined tasks with guidance; asks early when stuck.",
                ),
                (
                    "E2",
                    "Software Engineer II",
                    "Delivers features on their own from design to production.",
                ),
                (
                    "E3",
                    "Senior Software Engineer",
                    "Leads the design of large features; mentors others; raises the team's bar.",
                ),
                (
                    "E4",
                    "Staff Engineer",
                    "Sets technical direction for a team or area; solves problems that cross "
                    "teams.",
                ),
            ],
        ),
        _role(
            "principal",
            "Principal Engineer",
            "engineering",
            False,
            "A senior technical leader who sets direction across teams while working hands-on "
            "inside one of them.",
            [
                "Shapes the architecture of an area and the standards for code review.",
                "Reviews the riskiest designs and steps in on the hardest incidents.",
                "Grows staff engineers and keeps the engineering bar high in hiring.",
                "Works inside a team so direction stays tied to real code.",
            ],
            [
                (
                    "E5",
                    "Principal Engineer",
                    "Sets direction for several teams; their designs are adopted without mandate.",
                ),
                (
                    "E6",
                    "Distinguished Engineer",
                    "Sets direction for the company's systems; known beyond it for their work.",
                ),
            ],
        ),
        _role(
            "sre",
            "Site Reliability Engineer",
            "engineering",
            False,
            "Keeps the service fast and available, and makes the teams who build it better at "
            "running it.",
            [
                "Builds and runs the platforms for deployment, monitoring and alerting.",
                "Leads incident response and the reviews that follow.",
                "Sets reliability targets with product teams and tracks them.",
                "Automates the toil out of operations.",
            ],
            [
                (
                    "E1",
                    "Site Reliability Engineer I",
                    "Handles routine operations with a playbook.",
                ),
                (
                    "E2",
                    "Site Reliability Engineer II",
                    "Runs incidents on their own; automates a recurring task each quarter.",
                ),
                (
                    "E3",
                    "Senior Site Reliability Engineer",
                    "Designs for failure across services; teaches teams to own their reliability.",
                ),
                (
                    "E4",
                    "Staff Site Reliability Engineer",
                    "Sets the reliability strategy for the platform and its budget.",
                ),
            ],
        ),
        # -- product -------------------------------------------------------------
        _role(
            "cpo",
            "Chief Product Officer",
            "product",
            True,
            "Leads the product management craft and the company's product strategy.",
            [
                "Owns the product ladder, career paths, promotions and hiring bar.",
                "Sets the product strategy with the CEO and the owners of each area.",
                "Coaches the product managers who report to owners outside product.",
                "Runs the product reviews where bets are made and ended.",
            ],
            [
                ("V1", "Chief Product Officer", "Leads product for one line of business."),
                (
                    "V2",
                    "Chief Product Officer, several divisions",
                    "Leads product across divisions through group product managers.",
                ),
            ],
        ),
        _role(
            "vp-product",
            "VP Product",
            "product",
            True,
            "Keeps the standards of the product management craft and the coherence of the "
            "product across teams.",
            [
                "Owns the product ladder, career paths and promotions.",
                "Acts as functional manager of the product managers on single-threaded teams.",
                "Runs the product reviews and keeps the roadmap consistent across teams.",
                "Hires and onboards product managers with the team owners.",
            ],
            [
                (
                    "V1",
                    "VP Product",
                    "Leads the product craft for an organisation of up to ten teams.",
                ),
                (
                    "V2",
                    "SVP Product",
                    "Leads the product craft across several organisations through group leads.",
                ),
            ],
        ),
        _role(
            "gpm",
            "Group Product Manager",
            "product",
            True,
            "Leads the product work of a group of teams, or owns an area as its "
            "single-threaded owner.",
            [
                "Owns the strategy and outcomes of the group's product area.",
                "Coaches the product managers in the group as their functional manager.",
                "Chooses which bets the group makes and ends the ones that do not pay off.",
                "Keeps the group's roadmap tied to the company plan.",
            ],
            [
                (
                    "G1",
                    "Group Product Manager",
                    "Leads the product work of three to five teams; their PMs grow under them.",
                ),
                (
                    "G2",
                    "Senior Group Product Manager",
                    "Owns a product line with its own revenue target.",
                ),
            ],
        ),
        _role(
            "pm",
            "Product Manager",
            "product",
            False,
            "Decides what the team builds next and why, from what customers need and what the "
            "business can sustain.",
            [
                "Understands the team's customers through research, data and conversations.",
                "Writes the problem statements and success measures for the team's work.",
                "Orders the backlog and says no to work outside the mission.",
                "Measures what shipped and reports what was learned.",
            ],
            [
                (
                    "PM1",
                    "Associate Product Manager",
                    "Owns well-scoped features with guidance from a senior PM.",
                ),
                ("PM2", "Product Manager", "Owns a team's roadmap and its measures on their own."),
                (
                    "PM3",
                    "Senior Product Manager",
                    "Owns a complex area; aligns several teams behind one bet.",
                ),
                (
                    "PM4",
                    "Principal Product Manager",
                    "Shapes the strategy of a product line; coaches other PMs.",
                ),
            ],
        ),
        _role(
            "product-ops",
            "Product Operations Manager",
            "product",
            False,
            "Runs the machinery of product development so product managers spend their time "
            "on customers.",
            [
                "Runs the planning cycle, roadmap tooling and launch calendar.",
                "Keeps the product metrics reliable and easy to find.",
                "Collects customer feedback from sales and support and routes it to teams.",
            ],
            [
                ("PO1", "Product Operations Manager", "Runs the planning cycle without surprises."),
                (
                    "PO2",
                    "Senior Product Operations Manager",
                    "Designs the operating model of product development with its leaders.",
                ),
            ],
        ),
        # -- design --------------------------------------------------------------
        _role(
            "head-design",
            "Head of Design",
            "design",
            True,
            "Leads the design craft: its quality bar, its people and the coherence of what "
            "customers see.",
            [
                "Owns the design ladder, career paths, promotions and the hiring bar.",
                "Acts as functional manager of the designers on single-threaded teams.",
                "Runs design critiques and owns the design system's direction.",
                "Argues for the customer's experience in every product review.",
            ],
            [
                ("H1", "Head of Design", "Leads a design craft of up to fifteen designers."),
                (
                    "H2",
                    "VP Design",
                    "Leads design across several organisations through design managers.",
                ),
            ],
        ),
        _role(
            "design-manager",
            "Design Manager",
            "design",
            True,
            "Grows a group of designers and keeps the quality of their work high.",
            [
                "Coaches designers as their line or functional manager.",
                "Runs critiques for the group and keeps work consistent with the design system.",
                "Staffs designers onto teams with the owners.",
            ],
            [
                ("DM1", "Design Manager", "Grows four to eight designers."),
                (
                    "DM2",
                    "Senior Design Manager",
                    "Leads design for a product line through managers.",
                ),
            ],
        ),
        _role(
            "designer",
            "Product Designer",
            "design",
            False,
            "Shapes how customers experience the team's product, from research to the last pixel.",
            [
                "Researches customers' tasks with the product manager.",
                "Designs flows, interactions and interfaces, and tests them with customers.",
                "Works with engineers until what ships matches what was designed.",
                "Contributes to the design system.",
            ],
            [
                ("PD1", "Product Designer I", "Designs features within an established flow."),
                ("PD2", "Product Designer II", "Designs whole flows on their own and tests them."),
                (
                    "PD3",
                    "Senior Product Designer",
                    "Leads the design of an area; mentors other designers.",
                ),
                (
                    "PD4",
                    "Principal Product Designer",
                    "Sets the design direction across teams; raises the craft's bar.",
                ),
            ],
        ),
        # -- data ------------------------------------------------------------------
        _role(
            "head-data",
            "Head of Data",
            "data",
            True,
            "Leads the data craft and makes the company's numbers trustworthy and used.",
            [
                "Owns the ladders, promotions and hiring bar for analysts and data engineers.",
                "Sets the data platform's direction and the definitions of key metrics.",
                "Coaches the analysts embedded in product and business teams.",
            ],
            [
                ("H1", "Head of Data", "Leads a data group of up to twenty people."),
                ("H2", "VP Data", "Leads data across divisions through managers."),
            ],
        ),
        _role(
            "analytics-manager",
            "Analytics Manager",
            "data",
            True,
            "Leads a team of analysts and the decisions they support.",
            [
                "Hires and coaches analysts, including those embedded in other teams.",
                "Keeps analyses correct, reproducible and tied to decisions.",
                "Agrees the questions worth answering with the teams they serve.",
            ],
            [
                ("AM1", "Analytics Manager", "Leads four to eight analysts."),
                ("AM2", "Senior Analytics Manager", "Leads analytics for a division."),
            ],
        ),
        _role(
            "analyst",
            "Data Analyst",
            "data",
            False,
            "Turns the company's data into answers that change what a team does.",
            [
                "Defines and builds the team's metrics and dashboards.",
                "Designs and reads experiments.",
                "Explains findings plainly, with their uncertainty.",
            ],
            [
                ("DA1", "Data Analyst", "Answers well-posed questions correctly."),
                ("DA2", "Senior Data Analyst", "Finds the question behind the question."),
                ("DA3", "Staff Data Analyst", "Shapes how a division measures itself."),
            ],
        ),
        _role(
            "data-engineer",
            "Data Engineer",
            "data",
            False,
            "Builds the pipelines and models that make data reliable and fast to use.",
            [
                "Builds and runs data pipelines with tests and monitoring.",
                "Models data so analysts can answer questions without help.",
                "Keeps data secure and compliant with retention rules.",
            ],
            [
                ("DE1", "Data Engineer", "Builds pipelines from a design."),
                ("DE2", "Senior Data Engineer", "Designs the data model of a domain."),
                ("DE3", "Staff Data Engineer", "Sets the direction of the data platform."),
            ],
        ),
        # -- sales -----------------------------------------------------------------
        _role(
            "cro",
            "Chief Revenue Officer",
            "sales",
            True,
            "Leads the sales craft and answers for the company's revenue.",
            [
                "Owns the revenue plan, territories and quotas.",
                "Owns the sales ladder, compensation plans, promotions and hiring bar.",
                "Coaches the sales leaders and reviews the largest deals.",
            ],
            [
                ("X1", "Chief Revenue Officer", "Leads sales for one market."),
                (
                    "X2",
                    "Chief Revenue Officer, global",
                    "Leads sales across regions through leaders.",
                ),
            ],
        ),
        _role(
            "sales-director",
            "Sales Director",
            "sales",
            True,
            "Leads a segment or region of the sales organisation through its managers.",
            [
                "Owns the segment's forecast and its accuracy.",
                "Hires and coaches sales managers.",
                "Shapes the segment's go-to-market with marketing and product.",
            ],
            [
                ("SD1", "Sales Director", "Leads three to five sales teams."),
                ("SD2", "Senior Sales Director", "Leads a region with its own plan."),
            ],
        ),
        _role(
            "sales-manager",
            "Sales Manager",
            "sales",
            True,
            "Leads a team of sellers to its number, and grows them while doing it.",
            [
                "Coaches account executives on their deals every week.",
                "Keeps the pipeline honest and the forecast accurate.",
                "Hires and onboards sellers.",
            ],
            [
                ("SM1", "Sales Manager", "Leads a team of six to ten sellers to plan."),
                (
                    "SM2",
                    "Senior Sales Manager",
                    "Leads sellers of several segments or a large team.",
                ),
            ],
        ),
        _role(
            "account-executive",
            "Account Executive",
            "sales",
            False,
            "Wins new customers and grows existing ones in their territory.",
            [
                "Builds and works a pipeline of qualified opportunities.",
                "Runs discovery, demonstrations and negotiations.",
                "Forecasts their deals accurately and hands customers over well.",
            ],
            [
                ("AE1", "Account Executive", "Closes small deals with a proven playbook."),
                ("AE2", "Senior Account Executive", "Closes mid-size deals with several buyers."),
                (
                    "AE3",
                    "Enterprise Account Executive",
                    "Closes large, long deals across a customer's organisation.",
                ),
                ("AE4", "Strategic Account Executive", "Owns the company's largest relationships."),
            ],
        ),
        _role(
            "sdr",
            "Sales Development Representative",
            "sales",
            False,
            "Starts conversations with the customers most likely to buy.",
            [
                "Researches target accounts and contacts them.",
                "Qualifies inbound interest quickly.",
                "Books first meetings for account executives.",
            ],
            [
                ("SDR1", "Sales Development Representative", "Meets the monthly meeting target."),
                (
                    "SDR2",
                    "Senior Sales Development Representative",
                    "Meets the target and coaches new representatives.",
                ),
            ],
        ),
        _role(
            "solutions-engineer",
            "Solutions Engineer",
            "sales",
            False,
            "Shows customers how the product solves their problem, technically and credibly.",
            [
                "Runs technical discovery and tailored demonstrations.",
                "Designs proofs of concept and answers security reviews.",
                "Brings what customers ask for back to product teams.",
            ],
            [
                ("SE1", "Solutions Engineer", "Supports account executives on standard deals."),
                ("SE2", "Senior Solutions Engineer", "Leads the technical side of complex deals."),
                (
                    "SE3",
                    "Principal Solutions Engineer",
                    "Shapes the technical sales approach for a segment.",
                ),
            ],
        ),
        _role(
            "sales-ops",
            "Sales Operations Analyst",
            "sales",
            False,
            "Keeps the sales machine measured and running: territories, tools and numbers.",
            [
                "Maintains the CRM and its data quality.",
                "Builds the forecast and pipeline reports.",
                "Designs territories and quota models with sales leaders.",
            ],
            [
                ("SO1", "Sales Operations Analyst", "Keeps the reports right and on time."),
                (
                    "SO2",
                    "Senior Sales Operations Analyst",
                    "Designs the plans the reports measure.",
                ),
            ],
        ),
        # -- marketing ---------------------------------------------------------------
        _role(
            "cmo",
            "Chief Marketing Officer",
            "marketing",
            True,
            "Leads the marketing craft and makes the company known and wanted by the right "
            "customers.",
            [
                "Owns the brand, positioning and marketing budget.",
                "Owns the marketing ladder, promotions and hiring bar.",
                "Agrees the pipeline that marketing generates with sales.",
            ],
            [
                ("X1", "Chief Marketing Officer", "Leads marketing for one market."),
                ("X2", "Chief Marketing Officer, global", "Leads marketing across regions."),
            ],
        ),
        _role(
            "marketing-manager",
            "Marketing Manager",
            "marketing",
            True,
            "Leads a marketing discipline (brand, demand, product marketing) and its people.",
            [
                "Plans and runs the discipline's programmes against a target.",
                "Coaches the marketers on the team.",
                "Reports results and what was learned.",
            ],
            [
                ("MM1", "Marketing Manager", "Runs a discipline for one segment."),
                ("MM2", "Senior Marketing Manager", "Runs a discipline across segments."),
            ],
        ),
        _role(
            "marketer",
            "Marketing Specialist",
            "marketing",
            False,
            "Plans and runs the campaigns, content and events that bring customers to the company.",
            [
                "Runs campaigns across channels and measures them.",
                "Writes content with product marketing and sales.",
                "Runs events and webinars.",
            ],
            [
                ("MK1", "Marketing Specialist", "Runs campaigns from a plan."),
                ("MK2", "Senior Marketing Specialist", "Plans campaigns and owns their results."),
                (
                    "MK3",
                    "Lead Marketing Specialist",
                    "Designs the channel strategy of a discipline.",
                ),
            ],
        ),
        _role(
            "pmm",
            "Product Marketing Manager",
            "marketing",
            False,
            "Tells the market what the product does and why it matters, and equips sales to "
            "say it.",
            [
                "Writes positioning and messaging for launches.",
                "Builds sales material and trains the sales team.",
                "Studies competitors and buyers.",
            ],
            [
                ("PMM1", "Product Marketing Manager", "Launches features with a clear message."),
                ("PMM2", "Senior Product Marketing Manager", "Positions a product line."),
            ],
        ),
        # -- operations ---------------------------------------------------------------
        _role(
            "coo",
            "Chief Operating Officer",
            "operations",
            True,
            "Runs the parts of the company that serve customers after the sale, and the "
            "company's own operations.",
            [
                "Owns customer support, onboarding services and internal operations.",
                "Owns the operations ladder, promotions and hiring bar.",
                "Keeps service levels and costs on plan.",
            ],
            [
                ("X1", "Chief Operating Officer", "Runs operations for one market."),
                ("X2", "Chief Operating Officer, global", "Runs operations across regions."),
            ],
        ),
        _role(
            "ops-manager",
            "Operations Manager",
            "operations",
            True,
            "Leads a team that serves customers and keeps its service level.",
            [
                "Staffs the team to the expected demand.",
                "Coaches specialists and reviews the quality of their work.",
                "Improves the team's processes and tools.",
            ],
            [
                ("OM1", "Operations Manager", "Leads a team of six to twelve."),
                ("OM2", "Senior Operations Manager", "Leads several teams through leads."),
            ],
        ),
        _role(
            "ops-specialist",
            "Customer Operations Specialist",
            "operations",
            False,
            "Solves customers' problems quickly and well, and tells the product teams what "
            "keeps going wrong.",
            [
                "Answers customer requests within the service level.",
                "Diagnoses problems and escalates the ones they cannot fix.",
                "Writes and improves help articles.",
            ],
            [
                ("S1", "Customer Operations Specialist", "Handles common requests on their own."),
                (
                    "S2",
                    "Senior Customer Operations Specialist",
                    "Handles complex, technical cases.",
                ),
                (
                    "S3",
                    "Lead Customer Operations Specialist",
                    "Coaches specialists and owns a process end to end.",
                ),
            ],
        ),
        _role(
            "ops-analyst",
            "Operations Analyst",
            "operations",
            False,
            "Measures and plans the operations teams' work so they are staffed right.",
            [
                "Forecasts demand and plans staffing.",
                "Reports service levels and their causes.",
                "Finds and sizes improvements.",
            ],
            [
                ("OA1", "Operations Analyst", "Keeps the forecasts and reports right."),
                ("OA2", "Senior Operations Analyst", "Designs the planning model."),
            ],
        ),
    )
}


# One grade scale for every craft, junior to senior, and the budgeted yearly cost of
# a position at each grade.
GRADES: list[dict[str, str]] = [
    {"id": f"g{i}", "name": name}
    for i, name in enumerate(
        ["Associate", "Professional", "Senior", "Lead", "Director", "Executive"], 1
    )
]
GRADE_COST: dict[str, int] = {
    "g1": 55_000,
    "g2": 70_000,
    "g3": 90_000,
    "g4": 115_000,
    "g5": 150_000,
    "g6": 210_000,
}
# The grade of each ladder level, role by role (a level's position on the shared scale).
LEVEL_GRADES: dict[str, list[int]] = {
    "ceo": [6, 6],
    "gm": [5, 6],
    "chief-of-staff": [3, 4],
    "executive-assistant": [1, 2],
    "cto": [6, 6],
    "eng-director": [5, 5],
    "em": [4, 4, 5],
    "swe": [1, 2, 3, 4],
    "principal": [5, 5],
    "sre": [1, 2, 3, 4],
    "cpo": [6, 6],
    "vp-product": [5, 6],
    "gpm": [4, 5],
    "pm": [2, 3, 4, 4],
    "product-ops": [2, 3],
    "head-design": [5, 6],
    "design-manager": [4, 5],
    "designer": [1, 2, 3, 4],
    "head-data": [5, 6],
    "analytics-manager": [4, 5],
    "analyst": [1, 2, 3],
    "data-engineer": [2, 3, 4],
    "cro": [6, 6],
    "sales-director": [5, 5],
    "sales-manager": [4, 4],
    "account-executive": [2, 3, 4, 4],
    "sdr": [1, 2],
    "solutions-engineer": [2, 3, 4],
    "sales-ops": [2, 3],
    "cmo": [6, 6],
    "marketing-manager": [4, 5],
    "marketer": [1, 2, 3],
    "pmm": [3, 4],
    "coo": [6, 6],
    "ops-manager": [4, 5],
    "ops-specialist": [1, 2, 3],
    "ops-analyst": [2, 3],
}


def role_spec(role_id: str, graded: bool = True) -> RoleSpec:
    """A deep copy of a library role, safe to change; with ``graded``, each level names its
    grade of :data:`GRADES` and the budgeted cost of a position there."""
    spec = ROLE_LIBRARY[role_id]
    levels = [dict(level) for level in spec["levels"]]
    if graded:
        for level, grade in zip(levels, LEVEL_GRADES[role_id], strict=True):
            level["grade"] = f"g{grade}"
            level["cost"] = GRADE_COST[f"g{grade}"]
    return {**spec, "responsibilities": list(spec["responsibilities"]), "levels": levels}


# -- names -----------------------------------------------------------------------
FIRST_NAMES: tuple[str, ...] = (
    "Ana",
    "Amara",
    "Aylin",
    "Bilal",
    "Chen",
    "Chiara",
    "Dmitri",
    "Elif",
    "Emeka",
    "Farah",
    "Felipe",
    "Freya",
    "Gabriel",
    "Grace",
    "Hamza",
    "Hana",
    "Ines",
    "Ivan",
    "Jae-won",
    "Jamal",
    "Jonas",
    "Kavya",
    "Kenji",
    "Kofi",
    "Lara",
    "Leila",
    "Lucas",
    "Maya",
    "Mateo",
    "Mei",
    "Nadia",
    "Nikhil",
    "Noor",
    "Olga",
    "Omar",
    "Paulo",
    "Priya",
    "Rafael",
    "Rosa",
    "Sakura",
    "Samir",
    "Sara",
    "Sipho",
    "Sofia",
    "Tariq",
    "Thandiwe",
    "Tomas",
    "Valentina",
    "Wei",
    "Yara",
    "Yusuf",
    "Zanele",
    "Zoe",
    "Adaeze",
    "Anders",
    "Beatriz",
    "Carmen",
    "Daniel",
    "Dariusz",
    "Esther",
    "Fatima",
    "Hugo",
    "Ingrid",
    "Jin",
    "Kwame",
    "Lin",
    "Luca",
    "Marta",
    "Nia",
    "Oskar",
    "Pedro",
    "Ravi",
    "Saanvi",
    "Tanvir",
    "Ulla",
    "Vikram",
)
LAST_NAMES: tuple[str, ...] = (
    "Silva",
    "Okafor",
    "Yilmaz",
    "Haddad",
    "Wang",
    "Romano",
    "Volkov",
    "Demir",
    "Eze",
    "Rahman",
    "Castro",
    "Andersen",
    "Moreau",
    "Kim",
    "Aziz",
    "Novak",
    "Ferreira",
    "Petrov",
    "Park",
    "Wright",
    "Berg",
    "Iyer",
    "Tanaka",
    "Mensah",
    "Lindqvist",
    "Khan",
    "Martin",
    "Patel",
    "Garcia",
    "Lin",
    "Petrova",
    "Mehta",
    "Alami",
    "Sokolova",
    "Farouk",
    "Santos",
    "Raman",
    "Costa",
    "Delgado",
    "Sato",
    "Nasser",
    "Dlamini",
    "Herrera",
    "Kapoor",
    "Ndlovu",
    "Horvat",
    "Rossi",
    "Zhang",
    "Mansour",
    "Fischer",
    "Harris",
    "Nwosu",
    "Nielsen",
    "Oliveira",
    "Ortiz",
    "Cohen",
    "Kowalski",
    "Asante",
    "Dubois",
    "Olsen",
    "Bakr",
    "Chowdhury",
    "Lehmann",
    "Acheampong",
    "Reyes",
    "Suzuki",
    "Bianchi",
    "Jensen",
    "Adeyemi",
    "Sharma",
)


def person_name(index: int) -> str:
    """A plausible full name for the ``index``-th person; distinct for the first few thousand."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index // len(FIRST_NAMES) + index * 7) % len(LAST_NAMES)]
    return f"{first} {last}"


# -- the generator ---------------------------------------------------------------------

_FUNCTIONS: dict[str, str] = {
    "engineering": "Engineering",
    "product": "Product",
    "design": "Design",
    "data": "Data",
    "sales": "Sales",
    "marketing": "Marketing",
    "operations": "Operations",
}
_LEADER_ROLE: dict[str, str] = {
    "engineering": "cto",
    "product": "cpo",
    "design": "head-design",
    "data": "head-data",
    "sales": "cro",
    "marketing": "cmo",
    "operations": "coo",
}
# Divisions: the function that owns them, their share of the headcount, the roles
# of a working team (owner, members with weights), of a group of teams (owner and
# the staff who sit with them) and of the people working with the division leader.
# Product development (the engineering division) puts product and design on its teams.
_DIVISIONS: tuple[dict[str, Any], ...] = (
    {
        "function": "engineering",
        "share": 0.62,
        "leaf_owner": "em",
        "members": (("swe", 1.0),),
        "group_owner": "eng-director",
        "staff": ("gpm", "design-manager", "principal"),
        "office": ("principal", "sre", "sre"),
        "nouns": (
            "Checkout",
            "Payments",
            "Search",
            "Catalogue",
            "Pricing",
            "Onboarding",
            "Notifications",
            "Accounts",
            "Identity",
            "Reporting",
            "Mobile",
            "Billing",
            "Routing",
            "Tracking",
            "Inventory",
            "Messaging",
            "Reviews",
            "Recommendations",
            "Integrations",
            "Developer Platform",
            "Storage",
            "Observability",
            "Fraud",
            "Loyalty",
            "Scheduling",
            "Documents",
            "Maps",
            "Partner API",
        ),
    },
    {
        "function": "sales",
        "share": 0.15,
        "leaf_owner": "sales-manager",
        "members": (("account-executive", 0.6), ("sdr", 0.25), ("solutions-engineer", 0.15)),
        "group_owner": "sales-director",
        "staff": ("sales-ops", "solutions-engineer", "sdr"),
        "office": ("sales-ops", "solutions-engineer", "sales-ops"),
        "nouns": (
            "Enterprise",
            "Mid-Market",
            "Small Business",
            "Inbound",
            "Partners",
            "Public Sector",
            "Renewals",
            "Strategic Accounts",
        ),
    },
    {
        "function": "operations",
        "share": 0.11,
        "leaf_owner": "ops-manager",
        "members": (("ops-specialist", 1.0),),
        "group_owner": "ops-manager",
        "staff": ("ops-analyst", "ops-specialist", "ops-analyst"),
        "office": ("ops-analyst", "ops-analyst", "ops-specialist"),
        "nouns": (
            "Support",
            "Onboarding Services",
            "Service Desk",
            "Quality",
            "Workforce",
            "Escalations",
        ),
    },
    {
        "function": "marketing",
        "share": 0.07,
        "leaf_owner": "marketing-manager",
        "members": (("marketer", 0.7), ("pmm", 0.3)),
        "group_owner": "marketing-manager",
        "staff": ("marketer", "pmm", "marketer"),
        "office": ("pmm", "marketer", "marketer"),
        "nouns": (
            "Brand",
            "Demand Generation",
            "Product Marketing",
            "Events",
            "Content",
            "Lifecycle Marketing",
        ),
    },
    {
        "function": "data",
        "share": 0.05,
        "leaf_owner": "analytics-manager",
        "members": (("analyst", 0.55), ("data-engineer", 0.45)),
        "group_owner": "analytics-manager",
        "staff": ("data-engineer", "analyst", "analyst"),
        "office": ("data-engineer", "analyst", "analyst"),
        "nouns": (
            "Data Platform",
            "Analytics",
            "Experimentation",
            "Forecasting",
            "Metrics",
            "Data Quality",
        ),
    },
)
_MISSIONS = (
    "Customers of {} get what they came for on the first try",
    "{} is fast, correct and never the reason a customer leaves",
    "Everyone who needs {} can use it without asking for help",
    "{} grows every quarter without growing its costs",
    "The company can trust {} at any scale",
)
# The envelope the generator keeps to; the generated document is judged by it.
GENERATED_PARAMS: dict[str, int | str] = {
    "team_min": 4,
    "team_max": 12,
    "span_min": 3,
    "span_max": 12,
    # Team owners are leads or above; a craft's standards are kept at director level.
    "owner_min_grade": "g4",
    "standards_min_grade": "g5",
}
LEAF_MAX = 12  # people on a working team, owner included
LEAF_TARGET = 9  # the size most working teams have
GROUP_CHILDREN_MAX = 8  # child teams of a group; with three staff, a span of 11
SMALL_COMPANY = 12  # up to this many people: one team around the founder
VACANCY_RATE = 0.03
STOOL_RATE = 0.15  # share of product-development groups still on the stool


class _Builder:
    """Accumulates plain dicts; the document is validated once, at the end."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people: list[dict[str, Any]] = []
        self.teams: list[dict[str, Any]] = []
        self.noun_use: dict[str, int] = {}
        self.levels = {
            rid: [lv["code"] for lv in spec["levels"]] for rid, spec in ROLE_LIBRARY.items()
        }

    def fn(self, person_id: str | None) -> str | None:
        """The function of a person made here (IDs are p-<position>)."""
        if not person_id:
            return None
        return ROLE_LIBRARY[self.people[int(person_id[2:]) - 1]["role"]]["function"]

    def person(
        self,
        role: str,
        manager: str | None,
        team: str | None,
        level: str | None = None,
        senior: bool = False,
    ) -> dict[str, Any]:
        n = len(self.people)
        if level is None:
            codes = self.levels[role]
            if senior:
                level = codes[-2] if len(codes) > 2 else codes[-1]
            else:
                # Most people sit low or in the middle of their ladder.
                level = codes[min(len(codes) - 1, int(self.rng.triangular(0, len(codes), 1)))]
        p = {
            "id": f"p-{n + 1:05d}",
            "name": person_name(n),
            "role": role,
            "level": level,
            "manager": manager,
            "team": team,
        }
        self.people.append(p)
        return p

    def coached(self, person: dict[str, Any], coaches: dict[str, str]) -> dict[str, Any]:
        """Give a functional manager of the person's craft if their line manager is of another."""
        fn = ROLE_LIBRARY[person["role"]]["function"]
        if fn and self.fn(person["manager"]) != fn and coaches.get(fn):
            person["functional_manager"] = coaches[fn]
        return person

    def team(
        self,
        noun: str,
        parent: str | None,
        owner: str | None,
        model: str | None = None,
        required: list[str] | None = None,
    ) -> dict[str, Any]:
        count = self.noun_use.get(noun, 0) + 1
        self.noun_use[noun] = count
        name = noun if count == 1 else f"{noun} {count}"
        t: dict[str, Any] = {
            "id": f"t-{len(self.teams) + 1:04d}",
            "name": name,
            "mission": self.rng.choice(_MISSIONS).format(name),
            "owner": owner,
            "parent": parent,
        }
        if model:
            t["model"] = model
        if required is not None:
            t["required_functions"] = required
        self.teams.append(t)
        return t


def _split(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """``total`` split into ``parts`` sizes within [low, high] (when possible), a little uneven."""
    base, extra = divmod(total, parts)
    sizes = [base + (1 if i < extra else 0) for i in range(parts)]
    for _ in range(parts):
        i, j = rng.randrange(parts), rng.randrange(parts)
        shift = rng.randint(1, 2)
        if i != j and sizes[i] - shift >= low and sizes[j] + shift <= high:
            sizes[i] -= shift
            sizes[j] += shift
    return sizes


def _required(div: dict[str, Any]) -> list[str] | None:
    # Business teams deliver with their own craft; product teams keep the default.
    return None if div["function"] == "engineering" else [div["function"]]


def _children(
    b: _Builder,
    div: dict[str, Any],
    rest: int,
    team_id: str,
    owner_id: str,
    coaches: dict[str, str],
    stool_ok: bool,
) -> None:
    """Spend exactly ``rest`` people on the child teams of a group."""
    rng = b.rng
    if rest <= GROUP_CHILDREN_MAX * (LEAF_MAX - 1):
        # Working teams of about nine.
        count = min(GROUP_CHILDREN_MAX, max(math.ceil(rest / LEAF_MAX), round(rest / LEAF_TARGET)))
        while rest / count < 5 and count > math.ceil(rest / LEAF_MAX):
            count -= 1
        sizes = _split(rng, rest, count, 5, LEAF_MAX)
        stool = (
            stool_ok
            and div["function"] == "engineering"
            and count >= 3
            and min(sizes) >= 6
            and rng.random() < STOOL_RATE
        )
        for size in sizes:
            _leaf(b, div, size, team_id, owner_id, coaches, stool)
    else:
        count = min(
            GROUP_CHILDREN_MAX, max(2, math.ceil(rest / (GROUP_CHILDREN_MAX * LEAF_TARGET)))
        )
        for size in _split(rng, rest, count, LEAF_MAX + 1, rest):
            _group(b, div, size, team_id, owner_id, coaches)


def _group(
    b: _Builder,
    div: dict[str, Any],
    size: int,
    parent_team: str,
    parent_owner: str,
    coaches: dict[str, str],
) -> None:
    """A team of teams: its owner, three staff who sit with them, and child teams."""
    if size <= LEAF_MAX:
        _leaf(b, div, size, parent_team, parent_owner, coaches, False)
        return
    fn = div["function"]
    owner = b.coached(b.person(div["group_owner"], parent_owner, None, senior=True), coaches)
    team = b.team(b.rng.choice(div["nouns"]), parent_team, owner["id"], required=_required(div))
    owner["team"] = team["id"]
    local = dict(coaches)
    local[fn] = owner["id"]
    for role in div["staff"]:
        member = b.coached(b.person(role, owner["id"], team["id"], senior=True), coaches)
        craft = ROLE_LIBRARY[role]["function"]
        if craft != fn and ROLE_LIBRARY[role]["people_manager"]:
            # A group product manager or design manager coaches their craft in the group.
            local[craft] = member["id"]
    _children(b, div, size - 1 - len(div["staff"]), team["id"], owner["id"], local, True)


def _leaf(
    b: _Builder,
    div: dict[str, Any],
    size: int,
    parent_team: str,
    parent_owner: str,
    coaches: dict[str, str],
    stool: bool,
) -> None:
    """A working team of exactly ``size`` people, its owner included."""
    rng = b.rng
    noun = rng.choice(div["nouns"])
    if div["function"] != "engineering":
        owner = b.coached(b.person(div["leaf_owner"], parent_owner, None), coaches)
        team = b.team(noun, parent_team, owner["id"], required=_required(div))
        owner["team"] = team["id"]
        roles, weights = zip(*div["members"], strict=True)
        for _ in range(size - 1):
            b.person(rng.choices(roles, weights)[0], owner["id"], team["id"])
        return
    # Product development. A few single-threaded teams are owned by a product manager.
    product_owned = not stool and rng.random() < 0.1
    owner = b.coached(b.person("gpm" if product_owned else "em", parent_owner, None), coaches)
    team = b.team(noun, parent_team, owner["id"], model="functional" if stool else None)
    owner["team"] = team["id"]
    crafts = [] if product_owned else ["pm"]
    if stool or (size >= 6 and rng.random() < 0.75):
        crafts.append("designer")
    for role in crafts:
        if stool:
            # The three-legged stool: product and design report up their own craft.
            b.person(role, coaches[ROLE_LIBRARY[role]["function"]], team["id"])
        else:
            b.coached(b.person(role, owner["id"], team["id"]), coaches)
    for _ in range(size - 1 - len(crafts)):
        b.coached(b.person("swe", owner["id"], team["id"]), coaches)


def generate(people: int, seed: int = 0) -> Document:
    """A synthetic organisation of exactly ``people`` people, the same for the same seed.

    From about sixty people up, working teams have 5-12 people and groups 4 or
    more, managers 3-12 direct reports, and every function with people has a
    leader. Twelve people or fewer make one team around the founder.
    """
    if people < 1:
        raise ValueError("an organisation needs at least one person")
    rng = random.Random(seed)
    b = _Builder(rng)
    ceo = b.person("ceo", None, None, level="X1" if people < 2000 else "X2")
    if people <= SMALL_COMPANY:
        _small_company(b, people, ceo)
    else:
        _company(b, people, ceo)
        if people >= 60:
            _open_positions(b)
            _embed_principals(b)
            _deliberate_problems(b)
    return _document(b, people, seed)


def _small_company(b: _Builder, people: int, ceo: dict[str, Any]) -> None:
    """A start-up: one team, everyone reporting to the founder."""
    if people == 1:
        return
    team = b.team("Product", None, ceo["id"])
    ceo["team"] = team["id"]
    pattern = ("swe", "pm", "designer", "swe", "swe", "swe")
    for i in range(people - 1):
        b.person(pattern[i % len(pattern)], ceo["id"], team["id"])


def _company(b: _Builder, people: int, ceo: dict[str, Any]) -> None:
    exec_team = b.team("Executive Team", None, ceo["id"])
    exec_team["mission"] = "The company reaches this year's goals and is ready for next year's"
    ceo["team"] = exec_team["id"]
    # Small companies are product development only; business divisions appear with size.
    divisions = [
        d for d in _DIVISIONS if d["function"] == "engineering" or people * d["share"] >= 12
    ]
    leaders: dict[str, str] = {}
    level_pick = 0 if people < 2000 else -1
    for fn in ["engineering", "product", "design"] + [d["function"] for d in divisions[1:]]:
        role = _LEADER_ROLE[fn]
        leader = b.person(role, ceo["id"], exec_team["id"], level=b.levels[role][level_pick])
        leaders[fn] = leader["id"]
    budget = people - len(b.people)
    total_share = sum(d["share"] for d in divisions)
    sizes = [int(budget * d["share"] / total_share) for d in divisions]
    sizes[0] += budget - sum(sizes)
    for div, size in zip(divisions, sizes, strict=True):
        fn = div["function"]
        # Each leader owns their division's top team while sitting on the executive team.
        name = "Product Development" if fn == "engineering" else _FUNCTIONS[fn]
        top = b.team(name, exec_team["id"], leaders[fn], required=_required(div))
        if size <= LEAF_MAX - 1:
            for i in range(size):
                roles = (
                    [r for r, _ in div["members"]]
                    if fn != "engineering"
                    else ["swe", "pm", "designer", "swe"]
                )
                b.coached(b.person(roles[i % len(roles)], leaders[fn], top["id"]), leaders)
            continue
        for role in div["office"]:
            b.coached(b.person(role, leaders[fn], top["id"], senior=True), leaders)
        _children(b, div, size - len(div["office"]), top["id"], leaders[fn], dict(leaders), False)


def _members_by_team(b: _Builder) -> dict[str | None, list[dict[str, Any]]]:
    out: dict[str | None, list[dict[str, Any]]] = {}
    for p in b.people:
        out.setdefault(p["team"], []).append(p)
    return out


def _open_positions(b: _Builder) -> None:
    """About three percent of individual contributors are open positions."""
    keep = {p["manager"] for p in b.people} | {p.get("functional_manager") for p in b.people}
    keep |= {t["owner"] for t in b.teams}
    for p in b.people[1:]:
        if p["id"] in keep or p["role"] in ("principal", "gpm", "design-manager"):
            continue
        if b.rng.random() < VACANCY_RATE:
            p["vacant"] = True
            p["name"] = ""


def _spans(b: _Builder) -> dict[str, int]:
    span: dict[str, int] = {}
    for p in b.people:
        if p["manager"]:
            span[p["manager"]] = span.get(p["manager"], 0) + 1
    return span


def _embed_principals(b: _Builder) -> None:
    """Some senior engineers sit on a team but report to the group's director (documented)."""
    span = _spans(b)
    members = _members_by_team(b)
    by_id = {p["id"]: p for p in b.people}
    for t in b.teams:
        owner = by_id.get(t["owner"])
        if (
            t.get("model")
            or owner is None
            or owner["role"] != "em"
            or b.rng.random() > 0.08
            or span.get(owner["id"], 0) <= 4
        ):
            continue
        director = by_id.get(owner["manager"])
        if director is None or director["role"] != "eng-director" or span[director["id"]] >= 12:
            continue
        engineer = next(
            (
                p
                for p in members[t["id"]]
                if p["role"] == "swe" and not p.get("vacant") and not p.get("functional_manager")
            ),
            None,
        )
        if engineer is None:
            continue
        engineer.update(role="principal", level="E5", manager=director["id"], embedded=True)
        span[director["id"]] += 1
        span[owner["id"]] -= 1


def _deliberate_problems(b: _Builder) -> None:
    """A few realistic mistakes, a handful more in larger organisations, never thousands."""
    rng = b.rng
    by_id = {p["id"]: p for p in b.people}
    members = _members_by_team(b)
    sto_teams = [
        t
        for t in b.teams
        if not t.get("model") and by_id[t["owner"]]["role"] == "em" and len(members[t["id"]]) >= 7
    ]
    if len(sto_teams) < 2:
        return
    span = _spans(b)
    count = 1 + len(b.people) // 5000

    def engineer(t: dict[str, Any]) -> dict[str, Any] | None:
        return next(
            (
                p
                for p in members[t["id"]]
                if p["role"] == "swe"
                and p["team"]
                and p["manager"] == t["owner"]
                and p["level"] != "L4"
            ),
            None,
        )

    def still_reports_to_director(t: dict[str, Any]) -> bool:
        owner = by_id[t["owner"]]
        director = by_id.get(owner["manager"])
        e = engineer(t)
        if not e or not director or span[owner["id"]] <= 3 or span[director["id"]] >= 12:
            return False
        e["manager"] = director["id"]
        span[owner["id"]] -= 1
        span[director["id"]] += 1
        return True

    def uncoached_designer(t: dict[str, Any]) -> bool:
        d = next(
            (
                p
                for p in members[t["id"]]
                if p["role"] == "designer" and p.get("functional_manager")
            ),
            None,
        )
        if d:
            del d["functional_manager"]
        return d is not None

    def unplaced(t: dict[str, Any]) -> bool:
        e = engineer(t)
        if e:
            e["team"] = None
        return e is not None

    def old_level(t: dict[str, Any]) -> bool:
        e = engineer(t)
        if e:
            e["level"] = "L4"
        return e is not None

    def shared_mission(t: dict[str, Any]) -> bool:
        other = rng.choice(sto_teams)
        if other is t or other["mission"] == t["mission"]:
            return False
        other["mission"] = t["mission"]
        return True

    # Each: an engineer still reporting to the director after their team was formed;
    # a designer on a single-threaded team with nobody from design to coach them; a
    # new starter not placed on a team; a level from the old leveling system; two
    # teams handed the same mission in planning.
    for problem in (
        still_reports_to_director,
        uncoached_designer,
        unplaced,
        old_level,
        shared_mission,
    ):
        done = 0
        for t in rng.sample(sto_teams, len(sto_teams)):
            if done == count:
                break
            done += problem(t)


def _document(b: _Builder, people: int, seed: int) -> Document:
    used_roles = sorted({p["role"] for p in b.people})
    # A function's leader: its most senior person, the first made who reports to the CEO.
    ceo = b.people[0]["id"]
    leaders: dict[str, str] = {}
    hirers: dict[str, str] = {}
    for p in b.people:
        fn = ROLE_LIBRARY[p["role"]]["function"]
        if not fn or p.get("vacant"):
            continue
        if fn not in leaders and p["manager"] == ceo:
            leaders[fn] = p["id"]
        elif (
            fn not in hirers
            and p["manager"] == leaders.get(fn)
            and ROLE_LIBRARY[p["role"]]["people_manager"]
        ):
            hirers[fn] = p["id"]
    reviewer = next(
        (p["id"] for p in b.people if p["role"] == "principal" and not p.get("vacant")), None
    )
    used_fns = {ROLE_LIBRARY[r]["function"] for r in used_roles}
    functions = []
    for fn, name in _FUNCTIONS.items():
        if fn not in used_fns:
            continue
        leader = leaders.get(fn)
        standards: dict[str, str | None] = {
            "leveling": leader,
            "career_path": leader,
            "promotion": leader,
            "hiring": hirers.get(fn, leader),
        }
        if fn == "engineering":
            standards["code_review"] = reviewer or leader
        functions.append({"id": fn, "name": name, "leader": leader, "standards": standards})
    data = {
        "format": FORMAT_NAME,
        "version": CURRENT_VERSION,
        "name": f"Generated company of {people} people (seed {seed})",
        "description": "A synthetic organisation made by `orgdesigner generate` for demos and "
        "benchmarks; names and teams are invented. It keeps teams of 4-12 and "
        "spans of 3-12, and carries a few deliberate problems.",
        "default_team_model": "sto",
        "currency": "EUR",
        "grades": [dict(g) for g in GRADES],
        "functions": functions,
        "roles": [role_spec(r) for r in used_roles],
        "teams": b.teams,
        "people": b.people,
        "rules": {"params": dict(GENERATED_PARAMS)},
    }
    return Document.model_validate(data)
