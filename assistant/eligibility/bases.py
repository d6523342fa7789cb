"""Bases shared by several programs: national regulations and cross-cutting corpus clauses."""

from __future__ import annotations

from .citations import corpus, external

IM = "内蒙古自治区"
GZ = "贵州省"
GX = "广西壮族自治区"
HLJ = "黑龙江省"
FN = "丰宁满族自治县"
RJ = "榕江县"

DOC_IM = "000_2fda023764c5125f.txt"
DOC_GZ = "001_f3d72d4f8696011b.txt"
DOC_REPORT = "002_b078bcc2181311d4.txt"
DOC_FN = "003_2b397bcf9f5a37ec.txt"

# national regulations (text not in the corpus)
SHJZ_DIBAO = external("《社会救助暂行办法》", "第九条")
SHJZ_TEKUN = external("《社会救助暂行办法》", "第十四条")
SHJZ_LINSHI = external("《社会救助暂行办法》", "第四十七条")
TEKUN_RULES = external("《特困人员认定办法》", "第六条至第十条")
TEKUN_CONDITIONS = external("《特困人员认定办法》", "第六条")
TEKUN_NO_INCOME = external("《特困人员认定办法》", "第八条")
TEKUN_SUPPORTERS = external("《特困人员认定办法》", "第九条")
DIBAO_REVIEW = external("《最低生活保障审核确认办法》（民发〔2021〕57号）")
REFORM_OPINION = external("中共中央办公厅、国务院办公厅《关于改革完善社会救助制度的意见》")
EDGE_RULES = external("《最低生活保障边缘家庭和刚性支出困难家庭认定办法》")
MONITORING_OPINION = external("《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》（国办发〔2023〕39号）")
LINSHI_NOTICE = external("《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）")
DISABILITY_SUBSIDIES = external("《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）")
DE_FACTO_ORPHAN = external("《关于进一步加强事实无人抚养儿童保障工作的意见》（民发〔2019〕62号）")

# income deductions (rigid spending, employment costs), by region
DEDUCTIONS = (
    DIBAO_REVIEW,
    corpus(DOC_IM, "对因病因残因学等增加的刚性支出和就业产生的必要成本,在核算家庭收入时给予适当扣减", IM),
    corpus(DOC_GZ, "增设就业成本、大病刚性支出等抵扣项目", GZ),
    corpus(DOC_REPORT, "依规适当扣减其家庭成员务工成本", GX),
)

# where to apply
ONE_DOOR = (
    corpus(DOC_IM, "推进苏木乡镇(街道)“一门受理、协同办理”提质增效", IM),
    corpus(DOC_GZ, "完善“一门受理、协同办理”机制", GZ),
)
