"""Compose the team's own office-document set (fictional documents for regions outside the seeds and outside
the held-out office set): a .docx with a standards table, a PDF printed by LibreOffice, a PDF printed by
Chromium whose text layer carries radical code points, and an HTML page with site debris.

Run: PYTHONPATH=. python eval/office_own/make.py  (needs python-docx, LibreOffice `soffice`, `chromium`,
fpdf2 and reportlab — generator tools only, not dependencies of the product).
The documents (all, or the files named as arguments) are regenerated into this folder; questions.jsonl and manifest.json are written from DOCS."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

HERE = Path(__file__).parent

NOTICE = "{issuer}\n关于印发《{title}》的通知\n{number}\n{to}：\n现将《{title}》印发给你们，请结合实际认真贯彻执行。\n{issuer}\n{date}\n{title}"

DOCS = [
    {
        "file": "mianyang_dibao_xize_2025.docx",
        "format": "docx",
        "issuer": "绵阳市民政局　绵阳市财政局",
        "title": "绵阳市最低生活保障实施细则",
        "number": "绵民发〔2025〕6号",
        "to": "各县（市、区）民政局、财政局",
        "date": "2025年1月15日",
        "region": "绵阳市",
        "kind": "实施细则",
        "effective": "2025-03-01",
        "written": "2025-01-15",
        "body": [
            "第一章　总则",
            "第一条　为规范全市最低生活保障工作，保障困难群众基本生活，结合本市实际，制定本细则。",
            "第二条　最低生活保障坚持应保尽保、公平公正、动态管理的原则。",
            "第二章　申请条件",
            "第三条　共同生活的家庭成员人均收入低于当地低保标准，且家庭财产符合下列条件的，可以申请低保：",
            "（一）家庭成员名下存款、有价证券等金融资产人均不超过当地年低保标准的3倍；",
            "（二）家庭成员名下无价值超过8万元的机动车辆（残疾人代步车除外）；",
            "（三）家庭在城区无两套以上住房。",
            "家庭财产状况由县级民政部门通过信息核对平台核实。",
            "第四条　家庭成员中有重度残疾人或者重病患者的，经本人申请，可以按照单人户纳入低保。",
            "第三章　审核确认",
            "第五条　乡镇人民政府（街道办事处）应当自受理申请之日起10个工作日内完成入户调查。",
            "第六条　县级民政部门应当自收到初审材料之日起7个工作日内作出审核确认决定；对符合条件的，自作出决定的当月起发放低保金。",
            "第七条　低保审核确认结果应当在申请人所在村（社区）公示，公示期为7天。",
            "第四章　保障标准",
            "第八条　低保标准由市人民政府确定，每年调整一次，各县（市、区）具体标准见附件1。",
            "第九条　本细则自2025年3月1日起施行。",
        ],
        "annex": {
            "label": "附件1",
            "title": "2025年绵阳市各县（市、区）低保标准",
            "header": ["县（市、区）", "城市低保标准（元/人·月）", "农村低保标准（元/人·月）"],
            "rows": [
                ["涪城区", "820", "600"],
                ["游仙区", "820", "600"],
                ["江油市", "790", "575"],
                ["三台县", "760", "560"],
                ["盐亭县", "750", "555"],
                ["梓潼县", "750", "555"],
                ["北川羌族自治县", "770", "565"],
                ["平武县", "760", "560"],
            ],
            "note": "注：科技城新区执行涪城区标准。",
        },
        "questions": [
            ("own-my-01", "绵阳低保细则第3条讲的什么", ["家庭财产符合下列条件的，可以申请低保"], "第二章 > 第三条", "article_lookup"),
            ("own-my-02", "绵阳家里有一辆十万块的车还能吃低保吗", ["家庭成员名下无价值超过8万元的机动车辆"], "第二章 > 第三条 > （二）", "policy_rule"),
            ("own-my-03", "北川县农村低保每人每月多少钱", ["北川羌族自治县 770 565"], "附件1 表 第7行", "table"),
            ("own-my-04", "江油市城市低保标准", ["江油市 790 575"], "附件1 表 第3行", "table"),
            ("own-my-05", "科技城新区低保按哪个标准执行", ["注：科技城新区执行涪城区标准"], "附件1 注", "table"),
            ("own-my-06", "绵阳低保审核确认结果公示几天", ["公示期为7天"], "第三章 > 第七条", "fact_number"),
            ("own-my-07", "重度残疾人能不能单独纳入低保 绵阳", ["可以按照单人户纳入低保"], "第二章 > 第四条", "policy_rule"),
            ("own-my-08", "绵阳低保审批多少个工作日内作出决定", ["自收到初审材料之日起7个工作日内作出审核确认决定"], "第三章 > 第六条", "procedure"),
        ],
    },
    {
        "file": "zhuzhou_linshi_jiuzhu_banfa_2024.pdf",
        "format": "pdf",
        "tool": "LibreOffice Writer headless (docx -> pdf)",
        "issuer": "株洲市民政局　株洲市财政局",
        "title": "株洲市临时救助办法",
        "number": "株民发〔2024〕19号",
        "to": "各县（市、区）民政局、财政局",
        "date": "2024年8月2日",
        "region": "株洲市",
        "kind": "办法",
        "effective": "2024-10-01",
        "written": "2024-08-02",
        "body": [
            "第一章　总则",
            "第一条　为发挥临时救助兜底作用，及时解决群众突发性、紧迫性、临时性基本生活困难，根据国家和湖南省有关规定，结合本市实际，制定本办法。",
            "第二条　临时救助实行属地管理，由县级人民政府负责，乡镇人民政府（街道办事处）具体实施，对急难情形实行先行救助。",
            "第二章　救助对象和标准",
            "第三条　因火灾、交通事故等意外事件，或者家庭成员突发重大疾病，导致基本生活暂时出现严重困难的家庭和个人，可以申请临时救助。",
            "第四条　临时救助金额以当地城市低保标准为基数，一般不超过6个月低保标准；情况特别严重的，经县级民政部门集体研究，可以提高至12个月低保标准。",
            "第五条　同一事由在12个月内原则上只救助一次，具体额度见附件。",
            "第三章　程序",
            "第六条　申请人向户籍地或者经常居住地乡镇人民政府（街道办事处）提出申请。对救助金额在1500元以下的，乡镇人民政府（街道办事处）可以直接审批，报县级民政部门备案，审批时限不超过3个工作日。",
            "第七条　对急难情形，乡镇人民政府（街道办事处）可以先行救助，先行救助金额不超过2000元，事后10个工作日内补齐手续。",
            "第四章　附则",
            "第八条　本办法自2024年10月1日起施行，有效期5年。",
        ],
        "annex": {
            "label": "附件",
            "title": "株洲市临时救助额度参考表",
            "header": ["困难类型", "具体情形", "参考额度（元）"],
            "rows": [
                ["急难型", "住房因火灾、洪涝损毁，基本生活用品严重缺失", "2000—6000"],
                ["急难型", "遭遇交通事故等意外伤害，暂时无法获得赔偿", "1000—5000"],
                ["支出型", "年度自付医疗费用超过2万元", "3000—8000"],
                ["支出型", "子女就读全日制大学，学费支出超过家庭承受能力", "2000—5000"],
            ],
            "note": "注：额度以当地城市低保标准为基数折算，最高不超过12个月低保标准。",
        },
        "questions": [
            ("own-zz-01", "株洲临时救助办法第六条说的啥", ["救助金额在1500元以下的，乡镇人民政府（街道办事处）可以直接审批"], "第三章 > 第六条", "article_lookup"),
            ("own-zz-02", "株洲房子被洪水冲毁了临时救助一般给多少", ["住房因火灾、洪涝损毁，基本生活用品严重缺失"], "附件 表 第1行", "table"),
            ("own-zz-03", "孩子上大学交不起学费 株洲临时救助额度", ["子女就读全日制大学，学费支出超过家庭承受能力"], "附件 表 第4行", "table"),
            ("own-zz-04", "株洲先行救助最多能给多少钱", ["先行救助金额不超过2000元"], "第三章 > 第七条", "fact_number"),
            ("own-zz-05", "在株洲同一件事一年内能申请几次临时救助", ["同一事由在12个月内原则上只救助一次"], "第二章 > 第五条", "policy_rule"),
            ("own-zz-06", "株洲临时救助最高可以提高到几个月低保标准", ["可以提高至12个月低保标准"], "第二章 > 第四条", "fact_number"),
        ],
    },
    {
        "file": "shaoguan_tekun_banfa_2024.pdf",
        "format": "pdf",
        "tool": "Chromium headless print-to-pdf (HTML with CJK radical code points in the text)",
        "issuer": "韶关市民政局　韶关市财政局",
        "title": "韶关市特困人员救助供养办法",
        "number": "韶民〔2024〕33号",
        "to": "各县（市、区）民政局、财政局",
        "date": "2024年5月20日",
        "region": "韶关市",
        "kind": "办法",
        "effective": "2024-07-01",
        "written": "2024-05-20",
        "body": [
            "第一章　总则",
            "第一条　为保障特困人员基本生活，规范救助供养工作，根据《社会救助暂行办法》和广东省有关规定，结合本市实际，制定本办法。",
            "第二章　认定条件",
            "第二条　同时具备下列条件的老年人、残疾人和未满十六周岁的未成年人，应当认定为特困人员：",
            "（一）无劳动能力；",
            "（二）无生活来源；",
            "（三）无法定赡养、抚养、扶养义务人，或者其法定义务人无履行义务能力。",
            "第三条　本人名下存款等金融资产不超过当地年特困人员基本生活标准2倍的，视为无生活来源的财产条件已符合。",
            "第三章　供养标准",
            "第四条　特困人员基本生活标准不低于当地低保标准的1.3倍；照料护理标准按全自理、半护理、全护理分别不低于当地最低工资标准的10%、30%、50%确定。",
            "第五条　各县（市、区）2024年基本生活标准见附件。",
            "第四章　管理",
            "第六条　特困人员死亡的，丧葬费用按照当地上年度6个月基本生活标准一次性列支。",
            "第七条　本办法自2024年7月1日起施行。",
        ],
        "annex": {
            "label": "附件",
            "title": "韶关市2024年特困人员基本生活标准",
            "header": ["县（市、区）", "基本生活标准（元/人·月）"],
            "rows": [["浈江区", "1300"], ["武江区", "1300"], ["曲江区", "1250"], ["乐昌市", "1200"], ["南雄市", "1200"], ["乳源瑶族自治县", "1180"]],
            "note": "注：标准每年随低保标准同步调整。",
        },
        "questions": [
            ("own-sg-01", "韶关特困办法第2条规定了什么", ["应当认定为特困人员"], "第二章 > 第二条", "article_lookup"),
            ("own-sg-02", "韶关特困人员全护理照料标准按最低工资的多少", ["全自理、半护理、全护理分别不低于当地最低工资标准的10%、30%、50%"], "第三章 > 第四条", "fact_number"),
            ("own-sg-03", "特困人员去世了丧葬费怎么算 韶关", ["丧葬费用按照当地上年度6个月基本生活标准一次性列支"], "第四章 > 第六条", "policy_rule"),
            ("own-sg-04", "韶关特困供养办法从哪天开始施行", ["本办法自2024年7月1日起施行"], "第四章 > 第七条", "fact_number"),
            ("own-sg-05", "特困人员存款超过多少就不算无生活来源 韶关", ["本人名下存款等金融资产不超过当地年特困人员基本生活标准2倍"], "第二章 > 第三条", "policy_rule"),
            # the two-column table; its last row is printed on the next page
            ("own-sg-06", "韶关曲江区特困人员基本生活标准每月多少钱", ["曲江区 1250"], "附件 表 第3行", "table"),
            ("own-sg-07", "乳源县的特困供养基本生活费一个月几块", ["乳源瑶族自治县 1180"], "附件 表 第6行", "table"),
        ],
    },
    {
        "file": "linyi_liangxiang_butie_2024.html",
        "format": "html",
        "tool": "hand-written HTML with site navigation, metadata table and footer",
        "issuer": "临沂市民政局　临沂市残疾人联合会",
        "title": "临沂市残疾人两项补贴实施细则",
        "number": "临民发〔2024〕11号",
        "to": "各县区民政局、残联",
        "date": "2024年3月6日",
        "region": "临沂市",
        "kind": "实施细则",
        "effective": "2024-04-01",
        "written": "2024-03-06",
        "body": [
            "第一条　为保障困难残疾人基本生活和重度残疾人照护需求，制定本细则。",
            "第二条　困难残疾人生活补贴对象为低保家庭、低保边缘家庭中的残疾人。",
            "第三条　重度残疾人护理补贴对象为残疾等级为一级、二级且需要长期照护的残疾人。",
            "第四条　申请人可以通过“爱山东”APP或者乡镇（街道）便民服务中心提出申请，县区民政部门应当在15个工作日内完成审核。",
            "第五条　补贴标准见附件，按月发放至本人社会保障卡。",
            "第六条　本细则自2024年4月1日起施行。",
        ],
        "annex": {
            "label": "附件",
            "title": "临沂市残疾人两项补贴标准",
            "header": ["补贴项目", "对象", "标准（元/人·月）"],
            "rows": [["生活补贴", "一级、二级残疾人", "110"], ["生活补贴", "三级、四级残疾人", "90"], ["护理补贴", "一级残疾人", "130"], ["护理补贴", "二级残疾人", "100"]],
            "note": "",
        },
        "questions": [
            ("own-ly-01", "临沂两项补贴细则第四条", ["县区民政部门应当在15个工作日内完成审核"], "第四条", "article_lookup"),
            ("own-ly-02", "临沂一级残疾人护理补贴每月多少", ["护理补贴 一级残疾人 130"], "附件 表 第3行", "table"),
            ("own-ly-03", "临沂三四级残疾人生活补贴标准", ["生活补贴 三级、四级残疾人 90"], "附件 表 第2行", "table"),
            ("own-ly-04", "两项补贴在临沂可以网上申请吗", ["申请人可以通过“爱山东”APP或者乡镇（街道）便民服务中心提出申请"], "第四条", "procedure"),
            ("own-ly-05", "临沂护理补贴给哪些残疾人", ["重度残疾人护理补贴对象为残疾等级为一级、二级且需要长期照护的残疾人"], "第三条", "policy_rule"),
        ],
    },
    {
        "file": "liuzhou_dibao_shenhe_banfa_2025.pdf",
        "format": "pdf",
        "tool": "Chromium headless print-to-pdf of a narrow HTML page, with Chromium's page header (date, title) and footer (URL, page x/y)",
        "issuer": "柳州市民政局　柳州市财政局",
        "title": "柳州市最低生活保障审核确认办法",
        "number": "柳民规〔2025〕2号",
        "to": "各县（区）民政局、财政局",
        "date": "2025年2月10日",
        "region": "柳州市",
        "kind": "办法",
        "effective": "2025-04-01",
        "written": "2025-02-10",
        "body": [
            "第一章　总则",
            "第一条　为规范最低生活保障审核确认工作，根据《广西壮族自治区最低生活保障审核确认办法》，结合本市实际，制定本办法。",
            "第二条　县（区）人民政府民政部门负责最低生活保障的审核确认工作，乡镇人民政府（街道办事处）负责受理、调查和初审，村（居）民委员会协助做好相关工作。",
            "第二章　申请条件",
            "第三条　持有本市户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合本办法第四条规定的，可以申请最低生活保障。",
            "第四条　申请家庭的财产状况应当同时符合下列条件：",
            "（一）家庭成员人均金融资产不超过当地年最低生活保障标准的2倍；",
            "（二）家庭成员名下无机动车辆，但单台价值在4万元以下的经营性车辆和残疾人功能性补偿代步机动车除外；",
            "（三）家庭成员在城区无自有商业用房，或者除一套自住房外无其他住房；",
            "（四）家庭成员未注册公司或者个体工商户，但从事小规模种养殖、手工业等维持基本生活的除外。",
            "第五条　下列人员不计入共同生活的家庭成员：连续三年以上脱离家庭独立生活的宗教教职人员；在监狱内服刑、在强制隔离戒毒所接受强制隔离戒毒的人员；县（区）人民政府民政部门根据本条原则认定的其他人员。",
            "第三章　申请和受理",
            "第六条　申请最低生活保障，由共同生活家庭成员中的一名成员向户籍所在地乡镇人民政府（街道办事处）提出书面申请，也可以通过“爱广西”政务服务平台在线提出申请。",
            "第七条　乡镇人民政府（街道办事处）应当自受理申请之日起3个工作日内启动家庭经济状况调查，并在10个工作日内完成入户调查，每户调查人员不少于2人。",
            "第四章　审核确认",
            "第八条　县（区）人民政府民政部门应当自收到乡镇人民政府（街道办事处）审核意见之日起10个工作日内作出审核确认决定；对不予确认的，应当书面说明理由。",
            "第九条　最低生活保障金按照家庭人均收入低于当地最低生活保障标准的差额，按月发放；重度残疾人、重病患者和70周岁以上老年人按照当地月保障标准的20%增发保障金。",
            "第五章　附则",
            "第十条　本办法自2025年4月1日起施行，有效期5年。",
        ],
        "annex": {
            "label": "附件",
            "title": "柳州市2025年最低生活保障标准（单位：元/人·月）",
            "header": ["县（区）", "城市低保标准", "农村低保标准"],
            "rows": [["城中区", "860", "—"], ["鱼峰区", "860", "—"], ["柳江区", "830", "600"], ["柳城县", "800", "560"], ["鹿寨县", "800", "560"], ["融水苗族自治县", "780", "540"], ["三江侗族自治县", "780", "540"]],
            "note": "注：城中区、鱼峰区不设农村低保标准。",
        },
        "questions": [
            ("own-lz-01", "柳州低保审核确认办法第七条是怎么规定的", ["乡镇人民政府（街道办事处）应当自受理申请之日起3个工作日内启动家庭经济状况调查"], "第三章 > 第七条", "article_lookup"),
            ("own-lz-02", "柳州家里有台三万块的货车拉货，还能办低保吗", ["家庭成员名下无机动车辆，但单台价值在4万元以下的经营性车辆"], "第二章 > 第四条 > （二）", "policy_rule"),
            ("own-lz-03", "柳州三江县农村低保标准每月多少", ["三江侗族自治县 780 540"], "附件 表 第7行", "table"),
            ("own-lz-04", "柳江区城市低保一个月多少钱", ["柳江区 830 600"], "附件 表 第3行", "table"),
            ("own-lz-05", "柳州低保户里七十多岁的老人能多拿一些吗", ["70周岁以上老年人按照当地月保障标准的20%增发保障金"], "第四章 > 第九条", "fact_number"),
            ("own-lz-06", "在柳州办低保，民政局多少天内要给审核结果", ["收到乡镇人民政府（街道办事处）审核意见之日起10个工作日内作出审核确认决定"], "第四章 > 第八条", "fact_number"),
            ("own-lz-07", "柳州低保能在网上申请吗", ["也可以通过“爱广西”政务服务平台在线提出申请"], "第三章 > 第六条", "procedure"),
            ("own-lz-08", "柳州申请低保存款最多能有多少", ["家庭成员人均金融资产不超过当地年最低生活保障标准的2倍"], "第二章 > 第四条 > （一）", "policy_rule"),
        ],
    },
    {
        "file": "yichang_tekun_shishi_banfa_2024.pdf",
        "format": "pdf",
        "tool": "fpdf2 with a hard line break every 30 characters (one text line per printed line), an fpdf2 table",
        "issuer": "宜昌市民政局　宜昌市财政局",
        "title": "宜昌市特困人员救助供养实施办法",
        "number": "宜民发〔2024〕27号",
        "to": "各县（市、区）民政局、财政局",
        "date": "2024年9月3日",
        "region": "宜昌市",
        "kind": "办法",
        "effective": "2024-11-01",
        "written": "2024-09-03",
        "body": [
            "第一章　总则",
            "第一条　为做好特困人员救助供养工作，保障特困人员基本生活，根据《湖北省特困人员救助供养办法》，结合本市实际，制定本办法。",
            "第二章　对象认定",
            "第二条　同时具备无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其法定义务人无履行义务能力条件的老年人、残疾人和未满18周岁的未成年人，依法纳入特困人员救助供养范围。",
            "第三条　具备下列情形之一的，应当认定为本办法所称的无劳动能力：",
            "（一）60周岁以上的老年人；",
            "（二）未满18周岁的未成年人；",
            "（三）残疾等级为一、二、三级的智力、精神残疾人，一、二级的肢体残疾人，一级视力残疾人；",
            "（四）省人民政府民政部门规定的其他情形。",
            "第四条　收入低于当地最低生活保障标准，且财产符合当地特困人员财产状况规定的，应当认定为本办法所称的无生活来源。前款所称收入不包括依照本办法第十二条规定领取的照料护理补贴。",
            "第三章　供养内容和标准",
            "第五条　特困人员救助供养内容包括：提供基本生活条件；对生活不能自理的给予照料；提供疾病治疗；办理丧葬事宜。",
            "第六条　基本生活标准按照不低于当地城市最低生活保障标准的1.3倍确定，照料护理标准按照全自理、半护理、全护理三档分别确定，具体标准见附件。",
            "第七条　特困人员可以自行选择在当地的供养服务机构集中供养，或者在家分散供养。生活不能自理的特困人员优先安排集中供养。",
            "第四章　申请和审核确认",
            "第八条　申请特困人员救助供养，由本人向户籍所在地乡镇人民政府（街道办事处）提出书面申请；本人申请有困难的，可以委托村（居）民委员会或者他人代为提出申请。",
            "第九条　乡镇人民政府（街道办事处）应当自受理申请之日起15个工作日内完成调查核实，提出初审意见；县级民政部门应当在收到初审意见之日起15个工作日内作出确认决定。",
            "第五章　终止供养",
            "第十条　特困人员死亡、被宣告失踪或者死亡，或者具备或恢复劳动能力、依法被赡养抚养扶养的，应当终止救助供养。",
            "第十一条　终止救助供养的，县级民政部门应当在作出决定之日起5个工作日内书面告知本人或者其监护人。",
            "第十二条　分散供养特困人员的照料护理补贴按月发放给其委托的照料服务人或者照料服务机构。",
            "第六章　附则",
            "第十三条　本办法自2024年11月1日起施行。",
        ],
        "annex": {
            "label": "附件",
            "title": "宜昌市2024年特困人员救助供养标准（单位：元/人·月）",
            "header": ["县（市、区）", "基本生活标准", "全自理", "半护理", "全护理"],
            "rows": [["西陵区", "1118", "220", "660", "1100"], ["伍家岗区", "1118", "220", "660", "1100"], ["夷陵区", "1092", "210", "630", "1050"], ["宜都市", "1066", "200", "600", "1000"], ["长阳土家族自治县", "1014", "190", "570", "950"], ["五峰土家族自治县", "1014", "190", "570", "950"]],
            "note": "注：照料护理标准按特困人员生活自理能力评估结果确定。",
        },
        "questions": [
            ("own-yc-01", "宜昌特困办法第九条讲的什么", ["乡镇人民政府（街道办事处）应当自受理申请之日起15个工作日内完成调查核实"], "第四章 > 第九条", "article_lookup"),
            ("own-yc-02", "宜昌视力残疾几级算没有劳动能力", ["一级视力残疾人"], "第二章 > 第三条 > （三）", "policy_rule"),
            ("own-yc-03", "长阳县特困老人全护理每月照料费多少", ["长阳土家族自治县 1014 190 570 950"], "附件 表 第5行", "table"),
            ("own-yc-04", "宜昌夷陵区特困人员基本生活标准", ["夷陵区 1092 210 630 1050"], "附件 表 第3行", "table"),
            ("own-yc-05", "宜昌特困人员不能自理的可以去敬老院集中供养吗", ["生活不能自理的特困人员优先安排集中供养"], "第三章 > 第七条", "policy_rule"),
            ("own-yc-06", "宜昌特困供养停了以后几天内要告诉本人", ["在作出决定之日起5个工作日内书面告知本人或者其监护人"], "第五章 > 第十一条", "fact_number"),
            ("own-yc-07", "宜昌特困人员基本生活标准按低保的几倍定", ["基本生活标准按照不低于当地城市最低生活保障标准的1.3倍确定"], "第三章 > 第六条", "fact_number"),
            ("own-yc-08", "分散供养的照料护理补贴发给谁 宜昌", ["分散供养特困人员的照料护理补贴按月发放给其委托的照料服务人或者照料服务机构"], "第五章 > 第十二条", "policy_rule"),
        ],
    },
    {
        "file": "zunyi_linshi_jiuzhu_xize_2025.pdf",
        "format": "pdf",
        "tool": "reportlab canvas with a built-in CID font (STSong-Light, not embedded), a hard line break every 28 characters, a running header and 「- N -」 page numbers",
        "issuer": "遵义市民政局　遵义市财政局",
        "title": "遵义市临时救助实施细则",
        "number": "遵市民发〔2025〕4号",
        "to": "各县（市、区）民政局、财政局",
        "date": "2025年3月18日",
        "region": "遵义市",
        "kind": "实施细则",
        "effective": "2025-05-01",
        "written": "2025-03-18",
        "body": [
            "第一章　总则",
            "第一条　为进一步发挥临时救助在社会救助体系中的兜底作用，根据《贵州省临时救助实施办法》，结合本市实际，制定本细则。",
            "第二章　救助对象",
            "第二条　临时救助对象包括急难型救助对象和支出型救助对象。",
            "第三条　因火灾、溺水、人身伤害等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难，需要立即采取救助措施的家庭或者个人，为急难型救助对象。",
            "第四条　因教育、医疗等生活必需支出突然增加超出家庭承受能力，导致基本生活一定时期内出现严重困难的最低生活保障边缘家庭成员，为支出型救助对象。",
            "第三章　救助标准",
            "第五条　临时救助标准以当地月城市最低生活保障标准为基数，按照下列规定确定：",
            "（一）急难型临时救助一般不超过当地月低保标准的6倍；",
            "（二）支出型临时救助一般不超过当地月低保标准的12倍；",
            "（三）对救助后基本生活仍有严重困难的，经县级人民政府临时救助联席会议研究，可以一事一议，最高不超过当地月低保标准的36倍。",
            "第六条　同一家庭或者个人因同一事由申请临时救助，12个月内原则上只给予一次救助；对救助后仍有困难的，可以转介其他救助。",
            "第四章　申请审批",
            "第七条　救助金额在2000元以下的，由乡镇人民政府（街道办事处）审批，报县级民政部门备案；救助金额在2000元以上的，由县级民政部门审批。",
            "第八条　对急难型救助对象，乡镇人民政府（街道办事处）可以实行“先行救助”，在24小时内发放救助金或者实物，事后5个工作日内补齐审批手续。",
            "第九条　临时救助资金一般通过银行账户发放；情况紧急的，可以直接发放现金，并由受助人签字确认。",
            "第五章　附则",
            "第十条　本细则自2025年5月1日起施行，《遵义市临时救助暂行办法》同时废止。",
        ],
        "annex": {
            "label": "附件",
            "title": "遵义市临时救助分档参考标准",
            "header": ["类型", "情形", "参考额度（元）"],
            "rows": [["急难型", "住房因灾损毁无法居住", "3000—5000"], ["急难型", "家庭主要劳动力意外死亡", "2000—4000"], ["支出型", "年度自付医疗费用超过3万元", "4000—9000"], ["支出型", "子女就读高中以上学费难以负担", "1500—3000"]],
            "note": "",
        },
        "questions": [
            ("own-zy-01", "遵义临时救助细则第八条", ["乡镇人民政府（街道办事处）可以实行“先行救助”，在24小时内发放救助金或者实物"], "第四章 > 第八条", "article_lookup"),
            ("own-zy-02", "遵义一事一议最高能给到几倍低保", ["最高不超过当地月低保标准的36倍"], "第三章 > 第五条 > （三）", "fact_number"),
            ("own-zy-03", "遵义家里顶梁柱出意外去世了临时救助大概给多少", ["家庭主要劳动力意外死亡"], "附件 表 第2行", "table"),
            ("own-zy-04", "遵义看病自己花了四万多，临时救助参考额度", ["年度自付医疗费用超过3万元"], "附件 表 第3行", "table"),
            ("own-zy-05", "遵义临时救助3000块钱由谁来批", ["救助金额在2000元以上的，由县级民政部门审批"], "第四章 > 第七条", "procedure"),
            ("own-zy-06", "遵义支出型临时救助最多给几个月低保标准", ["支出型临时救助一般不超过当地月低保标准的12倍"], "第三章 > 第五条 > （二）", "fact_number"),
            ("own-zy-07", "遵义临时救助能发现金吗", ["情况紧急的，可以直接发放现金，并由受助人签字确认"], "第四章 > 第九条", "procedure"),
        ],
    },
    {
        "file": "quanzhou_yiliao_jiuzhu_banfa_2025.html",
        "format": "html",
        "tool": "government site CMS page: div-built header, menu, breadcrumb, info table, share bar, previous/next links, related files, footer; part of the body one <p> broken by <br>, a table with a merged cell",
        "issuer": "泉州市医疗保障局　泉州市民政局",
        "title": "泉州市困难群众医疗救助实施办法",
        "number": "泉医保〔2025〕15号",
        "to": "各县（市、区）医疗保障局、民政局",
        "date": "2025年3月28日",
        "region": "泉州市",
        "kind": "办法",
        "effective": "2025-05-01",
        "written": "2025-03-28",
        "body": [
            "第一章　总则",
            "第一条　为健全医疗救助制度，减轻困难群众医疗费用负担，根据《福建省困难群众医疗救助办法》，结合本市实际，制定本办法。",
            "第二条　医疗救助对象包括特困人员、最低生活保障对象、低保边缘家庭成员和纳入监测范围的农村易返贫致贫人口。",
            "第二章　救助方式",
            "第三条　对特困人员参加城乡居民基本医疗保险的个人缴费部分给予全额资助，对低保对象给予定额资助。",
            "第四条　救助对象经基本医疗保险、大病保险报销后，政策范围内个人自付的住院费用，按照下列比例给予救助：",
            "（一）特困人员按100%给予救助；",
            "（二）低保对象按75%给予救助；",
            "（三）低保边缘家庭成员按65%给予救助。",
            "第五条　年度救助限额为每人6万元，门诊慢特病救助纳入年度限额统一计算。",
            "第三章　申请程序",
            "第六条　救助对象在定点医疗机构就医的，实行“一站式”同步结算，不需要另行申请。",
            "第七条　因病致贫重病患者申请医疗救助的，应当向户籍所在地乡镇人民政府（街道办事处）提出，并提交医疗费用票据和诊断证明。",
            "第四章　附则",
            "第八条　本办法自2025年5月1日起施行，由市医疗保障局会同市民政局负责解释。",
        ],
        "annex": {
            "label": "附件",
            "title": "泉州市医疗救助标准一览表",
            "header": ["救助对象", "救助项目", "救助比例", "年度限额（元）"],
            "rows": [["特困人员", "住院", "100%", "60000"], ["特困人员", "门诊慢特病", "100%", "60000"], ["低保对象", "住院", "75%", "60000"], ["低保边缘家庭成员", "住院", "65%", "60000"]],
            "note": "",
        },
        "questions": [
            ("own-qz-01", "泉州医疗救助办法第七条", ["因病致贫重病患者申请医疗救助的，应当向户籍所在地乡镇人民政府（街道办事处）提出"], "第三章 > 第七条", "article_lookup"),
            ("own-qz-02", "泉州低保户住院自付部分医疗救助报多少", ["低保对象按75%给予救助"], "第二章 > 第四条 > （二）", "fact_number"),
            ("own-qz-03", "泉州医疗救助一年最多救助多少钱", ["年度救助限额为每人6万元"], "第二章 > 第五条", "fact_number"),
            ("own-qz-04", "泉州特困人员看门诊慢特病救助比例", ["特困人员 门诊慢特病 100% 60000"], "附件 表 第2行", "table"),
            ("own-qz-05", "在泉州住院了医疗救助还要自己去申请吗", ["实行“一站式”同步结算，不需要另行申请"], "第三章 > 第六条", "procedure"),
            ("own-qz-06", "泉州特困人员参加医保的钱谁出", ["对特困人员参加城乡居民基本医疗保险的个人缴费部分给予全额资助"], "第二章 > 第三条", "policy_rule"),
        ],
    },
]

UNANSWERABLE = [
    ("own-un-01", "绵阳市高龄津贴每月发多少"),
    ("own-un-02", "株洲市孤儿基本生活费标准是多少"),
]

# code points a PDF text layer may carry instead of the ideograph (Kangxi radicals / CJK radicals supplement)
RADICALS = {"一": "\u2f00", "人": "\u2f08", "长": "\u2ed3", "民": "\u2ea0", "月": "\u2f49", "门": "\u2ed4"}


def lines(d: dict) -> list[str]:
    return NOTICE.format(**d).split("\n") + d["body"]


def write_docx(d: dict, path: Path) -> None:
    document = docx.Document()
    for line in lines(d):
        document.add_paragraph(line)
    a = d["annex"]
    document.add_paragraph(a["label"])
    document.add_paragraph(a["title"])
    table = document.add_table(rows=len(a["rows"]) + 1, cols=len(a["header"]))
    for r, cells in enumerate([a["header"], *a["rows"]]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    if a["note"]:
        document.add_paragraph(a["note"])
    document.save(path)


def page_html(d: dict, debris: bool, radicals: bool) -> str:
    a = d["annex"]
    esc = html.escape
    body = "".join(f"<p>{esc(x)}</p>" for x in lines(d))
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in a["rows"])
    head = "<tr>" + "".join(f"<th>{esc(c)}</th>" for c in a["header"]) + "</tr>"
    table = f"<p>{esc(a['label'])}</p><p>{esc(a['title'])}</p><table border='1'>{head}{rows}</table>"
    note = f"<p>{esc(a['note'])}</p>" if a["note"] else ""
    main = body + table + note
    if radicals:
        for ch, rad in RADICALS.items():
            main = main.replace(ch, rad)
    style = "<style>body{font-family:'Noto Serif CJK SC',serif;font-size:15px;margin:60px;} p{text-indent:2em;margin:4px 0;} td,th{padding:4px 10px;}</style>"
    if not debris:
        return f"<html><head><meta charset='utf-8'>{style}</head><body>{main}</body></html>"
    return (
        "<html><head><meta charset='utf-8'><title>" + esc(d["title"]) + "</title></head><body>"
        "<div class='top'>欢迎访问临沂市民政局网站！ | 无障碍 | 长者模式</div>"
        "<nav>首页 机构设置 政务公开 政策法规 办事服务 互动交流</nav>"
        "<div class='crumb'>当前位置：首页 > 政务公开 > 政策法规</div>"
        f"<table class='meta'><tr><td>索引号：</td><td>113713000043xxxx/2024-0031</td><td>发布机构：</td><td>临沂市民政局</td></tr>"
        f"<tr><td>成文日期：</td><td>{esc(d['date'])}</td><td>发文字号：</td><td>{esc(d['number'])}</td></tr></table>"
        f"<div class='article'>{main}</div>"
        "<div class='tools'>【打印本页】 【关闭窗口】</div>"
        "<div class='related'>相关链接</div><ul><li>临沂市民政局关于做好2024年残疾人两项补贴发放工作的通知</li></ul>"
        "<footer>主办单位：临沂市民政局 网站标识码：3713000012 鲁ICP备12345678号</footer>"
        "<script>var _hmt=_hmt||[];</script></body></html>"
    )


def hard_lines(text: str, width: int) -> list[str]:
    """A paragraph broken every ``width`` characters, as tools that write one text line per printed line do."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def write_chromium_headers(d: dict, target: Path, chromium: str, tmp: Path) -> None:
    """A narrow page printed by Chromium with its own header (date, page title) and footer (file URL, x/y)."""
    a = d["annex"]
    esc = html.escape
    body = "".join(f"<p>{esc(x)}</p>" for x in lines(d))
    head = "<tr>" + "".join(f"<th>{esc(c)}</th>" for c in a["header"]) + "</tr>"
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in a["rows"])
    note = f"<p>{esc(a['note'])}</p>" if a["note"] else ""
    style = ("<style>body{font-family:'Noto Sans CJK SC',sans-serif;font-size:16px;width:330px;margin:0 auto;}"
             "p{text-indent:2em;margin:3px 0;} table{border-collapse:collapse;} td,th{border:1px solid #333;padding:3px 6px;}</style>")
    page = (f"<html><head><meta charset='utf-8'><title>{esc(d['title'])}</title>{style}</head><body>{body}"
            f"<p>{esc(a['label'])}</p><p>{esc(a['title'])}</p><table>{head}{rows}</table>{note}</body></html>")
    src = tmp / "page.html"
    src.write_text(page, encoding="utf-8")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={target}", src.as_uri()],
                   check=True, capture_output=True, timeout=120)


def truetype_cjk(tmp: Path) -> Path:
    """Noto Sans CJK SC (CFF outlines) subset to this file's characters and converted to TrueType outlines, as
    the .ttf fonts (SimSun, Microsoft YaHei) that fpdf2 users embed. (fpdf2 with the OpenType font itself writes
    an embedded encoding CMap; tests/retrieval/test_pdf_tables_among_body_text.py covers that case.)"""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", fontNumber=2)
    options = subset.Options()
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(Path(__file__).read_text(encoding="utf-8")))))
    subsetter.subset(font)
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = font.getGlyphOrder(), {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
                 "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = font["head"].glyphDataFormat = 0
    font["post"].formatType, font["post"].extraNames, font["post"].mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    out = tmp / "cjk.ttf"
    font.save(out)
    return out


def write_fpdf(d: dict, target: Path, tmp: Path) -> None:
    """fpdf2: every paragraph hard-broken every 30 characters, first lines indented, 「第 N 页」 footers, an fpdf2 table."""
    from fpdf import FPDF, FontFace

    class Doc(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.cell(0, 10, f"第 {self.page_no()} 页", align="C")

    pdf = Doc(format="A4")
    pdf.add_font("cjk", fname=str(truetype_cjk(tmp)))
    pdf.set_font("cjk", size=13)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    for para in lines(d):
        for k, line in enumerate(hard_lines(para, 30)):
            pdf.cell(0, 7.5, ("\u3000\u3000" if k == 0 else "") + line, new_x="LMARGIN", new_y="NEXT")
    a = d["annex"]
    pdf.cell(0, 7.5, a["label"], new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7.5, a["title"], new_x="LMARGIN", new_y="NEXT")
    with pdf.table(text_align="CENTER", headings_style=FontFace(emphasis=None)) as table:
        for cells in [a["header"], *a["rows"]]:
            row = table.row()
            for c in cells:
                row.cell(c)
    if a["note"]:
        pdf.cell(0, 7.5, a["note"], new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))


def write_reportlab(d: dict, target: Path) -> None:
    """reportlab canvas, built-in CID font: a hard break every 28 characters, a running header line and 「- N -」."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    w, h = A4
    c = canvas.Canvas(str(target), pagesize=A4)
    state = {"y": 0.0, "page": 0}

    def new_page() -> None:
        if state["page"]:
            c.showPage()
        state["page"] += 1
        c.setFont("STSong-Light", 10)
        c.drawCentredString(w / 2, h - 40, d["issuer"].split("　")[0] + "文件")
        c.drawCentredString(w / 2, 30, f"- {state['page']} -")
        c.setFont("STSong-Light", 14)
        state["y"] = h - 80

    def put(text: str, x: float = 60) -> None:
        if state["y"] < 70:
            new_page()
        c.drawString(x, state["y"], text)
        state["y"] -= 22

    new_page()
    for para in lines(d):
        for line in hard_lines(para, 28):
            put(line)
    a = d["annex"]
    put(a["label"])
    put(a["title"])
    xs = [60, 140, 380]
    for cells in [a["header"], *a["rows"]]:
        if state["y"] < 70:
            new_page()
        for x, cell in zip(xs, cells, strict=True):
            c.drawString(x, state["y"], cell)
        state["y"] -= 22
    if a["note"]:
        put(a["note"])
    c.save()


def gov_site_html(d: dict) -> str:
    """A page as a government site's CMS publishes it: site furniture in divs (no nav/header/footer tags), the
    notice in an editor div where the later articles share one <p> broken by <br>, a table with a merged
    first column, links to other documents before and after the notice."""
    esc = html.escape
    a = d["annex"]
    text = lines(d)
    half = len(text) // 2
    body = "".join(f"<p style='text-indent:2em'><span>{esc(x)}</span></p>" for x in text[:half])
    body += "<p>" + "<br/>".join("&nbsp;&nbsp;" + esc(x) for x in text[half:]) + "</p>"
    rows = []
    for i, cells in enumerate(a["rows"]):
        first = ""
        if i == 0 or a["rows"][i - 1][0] != cells[0]:
            span = sum(1 for r in a["rows"][i:] if r[0] == cells[0]) if all(r[0] == cells[0] for r in a["rows"][i : i + 2]) else 1
            first = f"<td rowspan='{span}'>{esc(cells[0])}</td>" if span > 1 else f"<td>{esc(cells[0])}</td>"
        rows.append("<tr>" + first + "".join(f"<td>{esc(c)}</td>" for c in cells[1:]) + "</tr>")
    head = "<tr>" + "".join(f"<td><strong>{esc(c)}</strong></td>" for c in a["header"]) + "</tr>"
    site = d["issuer"].split("　")[0]
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(d['title'])}_政策文件_{esc(site)}</title></head><body>"
        f"<div class='header'><div class='top'>今天是：2025年4月2日 星期三 | 繁體 | 无障碍浏览 | 长者模式 | 登录</div>"
        f"<div class='logo'>{esc(site)}</div>"
        "<div class='menu'><ul><li><a href='#'>首页</a></li><li><a href='#'>机构概况</a></li><li><a href='#'>政务公开</a></li>"
        "<li><a href='#'>政策文件</a></li><li><a href='#'>办事服务</a></li><li><a href='#'>互动交流</a></li></ul></div></div>"
        "<div class='position'>您当前的位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>政策文件</a></div>"
        "<div class='xxgk'><table><tr><td>索引号：</td><td>QZ00112-0200-2025-00015</td><td>主题分类：</td><td>社会保障</td></tr>"
        f"<tr><td>发布机构：</td><td>{esc(site)}</td><td>文号：</td><td>{esc(d['number'])}</td></tr></table></div>"
        f"<div class='article-title'><h1>{esc(d['issuer'].replace('　', ' '))}关于印发《{esc(d['title'])}》的通知</h1></div>"
        f"<div class='info'>发布时间：2025-04-02 10:21 来源：{esc(site)} 浏览次数：1523 字号：[ 大 中 小 ] 【打印】</div>"
        f"<div class='TRS_Editor'>{body}<p>{esc(a['label'])}</p><p style='text-align:center'><strong>{esc(a['title'])}</strong></p>"
        f"<table border='1' cellspacing='0'><tbody>{head}{''.join(rows)}</tbody></table></div>"
        "<div class='share'>分享到：微信 微博 QQ空间</div>"
        "<div class='pages'><p>上一篇：<a href='#'>关于开展2025年度医疗救助对象信息核查工作的通知</a></p>"
        "<p>下一篇：<a href='#'>2024年度城乡居民基本医疗保险参保缴费情况公示</a></p></div>"
        "<div class='related'><h3>相关文件</h3><ul><li><a href='#'>福建省医疗保障局关于做好困难群众医疗救助工作的通知</a> 2024-11-02</li>"
        "<li><a href='#'>关于调整城乡居民基本医疗保险筹资标准的通知</a> 2024-09-15</li></ul></div>"
        f"<div class='footer'><p>主办单位：{esc(site)} 地址：泉州市丰泽区东海大街 联系电话：0595-22000000</p>"
        "<p>闽ICP备12000000号-1 闽公网安备35050000000000号 网站标识码：3505000000</p></div>"
        "<script>var _hmt = _hmt || [];</script></body></html>"
    )


def main(only: list[str]) -> None:
    soffice, chromium = shutil.which("soffice"), shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for d in DOCS:
            if only and d["file"] not in only:
                continue
            target = HERE / d["file"]
            if d["format"] == "docx":
                write_docx(d, target)
            elif d["tool"].startswith("government site"):
                target.write_text(gov_site_html(d), encoding="utf-8")
            elif d["format"] == "html":
                target.write_text(page_html(d, debris=True, radicals=False), encoding="utf-8")
            elif d["tool"].startswith("fpdf2"):
                write_fpdf(d, target, tmp)
            elif d["tool"].startswith("reportlab"):
                write_reportlab(d, target)
            elif "page header" in d["tool"]:
                write_chromium_headers(d, target, chromium, tmp)
            elif "LibreOffice" in d["tool"]:
                src = tmp / "src.docx"
                write_docx(d, src)
                subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(src)], check=True, capture_output=True, timeout=120)
                shutil.move(tmp / "src.pdf", target)
            else:
                src = tmp / "src.html"
                src.write_text(page_html(d, debris=False, radicals=True), encoding="utf-8")
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={target}", src.as_uri()], check=True, capture_output=True, timeout=120)
    with (HERE / "questions.jsonl").open("w", encoding="utf-8") as fh:
        for d in DOCS:
            for qid, question, evidence, clause, kind in d["questions"]:
                row = {"id": qid, "question": question, "doc": d["file"], "format": d["format"], "evidence": evidence,
                       "clause": clause, "answer": "", "key_facts": [], "kind": kind, "region": d["region"]}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for qid, question in UNANSWERABLE:
            row = {"id": qid, "question": question, "doc": "", "format": "docx", "evidence": [], "clause": "",
                   "answer": "", "key_facts": [], "kind": "unanswerable", "region": ""}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    manifest = [
        {"file": d["file"], "format": d["format"], "region": d["region"], "title": d["title"], "doc_number": d["number"],
         "issuer": d["issuer"].replace("　", " "), "written_date": d["written"], "effective_date": d["effective"], "kind": d["kind"]}
        for d in DOCS
    ]
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
