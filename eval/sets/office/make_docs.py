"""Source text of the office test corpus (the text "as written", before printing).

Line markup (stripped from the plain text):  "#C " centred title line, "#R " right-aligned line
(issuer / date), "#H " chapter or attachment heading, "[[T1]]" a table placeholder, anything else a paragraph.
Plain text = lines without markup, a table row rendered as its cells joined by one space.
"""

GANSU = dict(
    file="gansu_dibao_shishi_xize_2024.docx",
    format="docx",
    tool="python-docx",
    region="甘肃省",
    title="甘肃省最低生活保障实施细则",
    doc_number="甘民发〔2024〕12号",
    issuer="甘肃省民政厅 甘肃省财政厅",
    written_date="2024-01-18",
    effective_date="2024-03-01",
    kind="实施细则",
    body="""#C 甘肃省民政厅　甘肃省财政厅
#C 关于印发《甘肃省最低生活保障实施细则》的通知
#C 甘民发〔2024〕12号
各市（州）民政局、财政局，兰州新区民政局、财政局：
为进一步规范全省最低生活保障工作，根据《社会救助暂行办法》《最低生活保障审核确认办法》等规定，结合我省实际，省民政厅、省财政厅制定了《甘肃省最低生活保障实施细则》，现印发给你们，请认真贯彻执行。
#R 甘肃省民政厅　甘肃省财政厅
#R 2024年1月18日
#C 甘肃省最低生活保障实施细则
#H 第一章　总则
第一条　为切实保障困难群众基本生活，规范最低生活保障（以下简称低保）管理，根据《社会救助暂行办法》、民政部《最低生活保障审核确认办法》等规定，结合本省实际，制定本细则。
第二条　本细则适用于本省行政区域内低保的申请、审核确认、资金发放和管理监督等工作。
第三条　低保工作坚持应保尽保、保障基本、公平公正、动态管理的原则，实行县级以上人民政府统一领导，民政部门牵头，有关部门配合，乡镇人民政府（街道办事处）具体实施的工作机制。
第四条　县级人民政府民政部门负责本行政区域内低保的审核确认工作。经县级人民政府同意，可以将低保审核确认权限下放至乡镇人民政府（街道办事处），县级民政部门加强监督指导。
#H 第二章　保障对象和标准
第五条　共同生活的家庭成员人均收入低于当地低保标准，且家庭财产状况符合本细则规定的，可以申请低保。
第六条　下列人员可以单独提出申请：
（一）低保边缘家庭中的重病患者、重度残疾人（一级、二级残疾人和三级智力、精神残疾人）；
（二）脱离家庭、在宗教场所居住三年以上（含三年）的生活困难的宗教教职人员；
（三）县级以上人民政府民政部门规定的其他特殊困难人员。
第七条　低保标准由市（州）人民政府按照不低于当地上年度居民人均消费支出的30%确定，报省人民政府备案后公布执行。各市（州）2024年城乡低保标准见附件1。
第八条　低保标准原则上每年调整一次，调整时间一般为每年7月1日。因物价上涨等因素需要临时调整的，按照社会救助和保障标准与物价上涨挂钩联动机制执行。
#H 第三章　家庭经济状况认定
第九条　家庭收入是指共同生活的家庭成员在规定期限内获得的全部现金及实物收入，主要包括：
（一）工资性收入；
（二）经营净收入；
（三）财产净收入；
（四）转移净收入；
（五）其他应当计入家庭收入的项目。
家庭收入的计算期限为申请前12个月。
第十条　下列收入不计入家庭收入：
（一）国家规定的优待抚恤金、计划生育奖励与扶助金、奖学金、见义勇为等奖励性补助；
（二）政府发放的各类社会救助款物；
（三）困难残疾人生活补贴、重度残疾人护理补贴和老年人高龄津贴；
（四）中央确定的城乡居民基本养老保险基础养老金；
（五）省人民政府规定的其他收入。
第十一条　对就业的低保对象或者申请人，在核算其家庭收入时，可以扣减必要的就业成本，扣减额度为每人每月不超过当地最低工资标准的20%。有劳动能力但未就业的成年人，原则上按照当地最低工资标准的50%推算其收入，重病患者、重度残疾人以及在校学生除外。
第十二条　申请低保的家庭，其财产状况应当同时符合下列条件：
（一）共同生活家庭成员人均存款、有价证券、商业保险等金融资产合计不超过当地年低保标准的3倍；
（二）家庭成员名下无机动车辆，但残疾人功能性补偿代步机动车和单台价值低于3万元的生产经营用车除外；
（三）在城镇拥有两套以上（含两套）住房的，不予认定，但人均住房面积低于当地人均住房面积60%的除外；
（四）家庭成员未注册公司或者未从事经营性活动，但个体工商户年经营收入低于5万元的除外；
（五）家庭成员未自费出国（境）旅游、留学，未自费安排子女在高收费私立学校就读。
第十三条　家庭成员中有下列情形之一的，其家庭一般不予认定低保：
（一）故意放弃法定赡养、抚养、扶养权利的；
（二）申请前24个月内购买商品房、机动车辆或者进行高档装修的，因重大疾病、灾害等原因被迫购房的除外；
（三）隐瞒、虚报家庭收入和财产状况，拒不配合家庭经济状况调查的；
（四）有劳动能力但长期拒绝就业的。
#H 第四章　申请和审核确认
第十四条　申请低保，由共同生活家庭成员中的一名成员作为申请人，向户籍所在地或者经常居住地乡镇人民政府（街道办事处）提出书面申请。在经常居住地申请的，申请人应当在当地连续居住满6个月以上。申请人也可以通过“甘肃社会救助”微信小程序在线提出申请。
第十五条　申请低保应当提交下列材料：
（一）申请人身份证和户口簿；
（二）低保申请书；
（三）家庭经济状况核对授权书；
（四）家庭成员收入、财产情况承诺书；
（五）残疾人需提供第二代残疾人证，重病患者需提供二级以上医院诊断证明。
已在政府部门间共享的材料，不得要求申请人重复提供。
第十六条　乡镇人民政府（街道办事处）应当自受理申请之日起3个工作日内启动家庭经济状况调查，会同村（居）民委员会通过入户调查、邻里访问、信函索证等方式，对申请家庭的收入、财产、生活状况等进行调查核实，并在调查结束后提出初审意见。
第十七条　乡镇人民政府（街道办事处）应当在村（居）务公开栏公示初审意见，公示期为7天。公示有异议的，应当重新组织调查核实。
第十八条　县级民政部门应当自收到乡镇人民政府（街道办事处）上报材料之日起10个工作日内作出确认决定，并按照不低于30%的比例入户抽查。对不予确认的，应当书面告知申请人并说明理由。
第十九条　低保审核确认工作应当自受理之日起30个工作日内完成；特殊情况下，可以延长至45个工作日。
第二十条　对获得低保后生活仍有困难的老年人、未成年人、重度残疾人和重病患者等特殊困难人员，采取按照单人户纳入低保的，按照当地低保标准全额发放低保金。
#H 第五章　保障金发放和动态管理
第二十一条　低保金按照共同生活家庭成员人均收入与当地低保标准的差额，按月核发。计算出的月人均补差低于当地低保标准20%的，按20%发放。
第二十二条　对低保家庭中的老年人、未成年人、重度残疾人和重病患者，在发放低保金的基础上按照当地低保标准的一定比例增发：
（一）70周岁以上老年人、未成年人增发15%；
（二）一级、二级重度残疾人和三级智力、精神残疾人增发20%；
（三）患有重特大疾病的增发25%。
同一对象符合多项增发条件的，按照最高比例增发，不重复计算。
第二十三条　县级民政部门应当对低保家庭实行分类动态管理：
（一）对家庭成员收入基本无变化的，每年核查一次；
（二）对收入来源不固定、家庭成员有劳动能力的，每半年核查一次。
第二十四条　低保家庭人均收入超过当地低保标准、但低于当地低保标准1.5倍的，可以给予6个月的渐退期；家庭成员中有重度残疾人或者重病患者的，渐退期可以延长至12个月。渐退期内低保金按照原标准的50%发放。
第二十五条　低保边缘家庭是指不符合低保条件，家庭人均收入低于当地低保标准1.5倍，且财产状况符合规定的家庭。低保边缘家庭成员可以按规定申请医疗救助、教育救助、住房救助和就业救助等专项救助。
#H 第六章　监督管理
第二十六条　县级以上民政部门应当建立低保工作投诉举报制度，通过12345政务服务便民热线受理群众投诉举报。
第二十七条　基层经办人员和村（居）民委员会成员近亲属申请低保的，应当单独登记备案。
第二十八条　采取虚报、隐瞒、伪造等手段骗取低保金的，由县级民政部门决定停止低保，责令退回非法获取的救助资金，可以处非法获取的救助款额1倍以上3倍以下的罚款。
#H 第七章　附则
第二十九条　本细则由省民政厅、省财政厅负责解释。
第三十条　本细则自2024年3月1日起施行，有效期5年。《甘肃省城乡最低生活保障实施细则》（甘民发〔2018〕36号）同时废止。
#H 附件1
#C 2024年甘肃省各市（州）城乡低保标准
[[T1]]
注：兰州新区执行兰州市标准。标准单位为元/人·月。""",
    tables={"T1": dict(
        header=["序号", "市（州）", "城市低保标准（元/人·月）", "农村低保标准（元/人·月）"],
        rows=[["1", "兰州市", "856", "620"], ["2", "嘉峪关市", "880", "650"], ["3", "金昌市", "845", "612"],
              ["4", "白银市", "790", "578"], ["5", "天水市", "780", "566"], ["6", "武威市", "785", "570"],
              ["7", "张掖市", "792", "575"], ["8", "平凉市", "775", "560"], ["9", "酒泉市", "820", "600"],
              ["10", "庆阳市", "778", "565"], ["11", "定西市", "770", "556"], ["12", "陇南市", "771", "557"],
              ["13", "临夏回族自治州", "770", "555"], ["14", "甘南藏族自治州", "795", "582"]])},
)

GANZHOU = dict(
    file="ganzhou_linshi_jiuzhu_banfa_2023.pdf",
    format="pdf",
    tool="reportlab (CID font STSong-Light)",
    region="江西省赣州市",
    title="赣州市临时救助实施办法",
    doc_number="赣市民字〔2023〕45号",
    issuer="赣州市民政局 赣州市财政局",
    written_date="2023-11-20",
    effective_date="2024-01-01",
    kind="办法",
    body="""#C 赣州市民政局　赣州市财政局
#C 关于印发《赣州市临时救助实施办法》的通知
#C 赣市民字〔2023〕45号
各县（市、区）民政局、财政局，赣州经开区、蓉江新区、赣州高新区社会事业局：
现将《赣州市临时救助实施办法》印发给你们，请结合实际认真贯彻落实。执行中遇到的问题，请及时向市民政局社会救助科反映。
#R 赣州市民政局　赣州市财政局
#R 2023年11月20日
#C 赣州市临时救助实施办法
#H 第一章　总则
第一条　为进一步发挥临时救助在社会救助体系中的兜底作用，切实解决城乡群众突发性、紧迫性、临时性基本生活困难问题，根据《社会救助暂行办法》《江西省社会救助实施办法》等规定，结合我市实际，制定本办法。
第二条　本办法所称临时救助，是指对遭遇突发事件、意外伤害、重大疾病或者其他特殊原因导致基本生活陷入困境，其他社会救助制度暂时无法覆盖或者救助之后基本生活暂时仍有严重困难的家庭或者个人，给予的应急性、过渡性救助。
第三条　临时救助坚持应救尽救、适度救助、公开公正、部门联动的原则，实行县级人民政府负责、民政部门统筹、乡镇人民政府（街道办事处）具体实施的工作机制。
#H 第二章　救助对象
第四条　急难型临时救助对象，是指因火灾、交通事故、溺水、人身伤害等意外事件，或者家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难、需要立即采取救助措施的家庭和个人。
第五条　支出型临时救助对象，是指因教育、医疗等生活必需支出突然增加超出家庭承受能力，导致基本生活一定时期内出现严重困难的家庭。支出型临时救助对象原则上应当同时符合下列条件：
（一）家庭人均可支配收入低于当地上年度城乡居民人均可支配收入；
（二）家庭财产状况符合当地低保边缘家庭财产认定条件；
（三）申请前12个月内家庭自负的医疗、教育等必需支出超过家庭年总收入的40%。
第六条　对遭遇突发困难的非本地户籍人员，由急难发生地乡镇人民政府（街道办事处）或者县级民政部门直接实施临时救助；对其中生活无着的流浪、乞讨人员，由县级救助管理机构按照有关规定提供临时食宿、急病救治、协助返回等救助。
#H 第三章　救助方式和标准
第七条　临时救助采取下列方式：
（一）发放临时救助金，原则上实行社会化发放，必要时可直接发放现金；
（二）发放实物，根据临时救助标准和对象实际需要，可以发放衣物、食品、饮用水，提供临时住所等；
（三）提供转介服务，对给予临时救助金、实物后仍不能解决困难的，可以转介至医疗救助、教育救助、慈善救助等。
第八条　临时救助金额以本市城市低保标准为基数，按照困难类型分档确定：
（一）急难型临时救助，一般按照城市月低保标准的2至6倍确定，一次性救助金额不超过5000元；
（二）支出型临时救助，根据家庭自负医疗、教育等必需支出情况，按照城市月低保标准的3至12倍确定，一次性救助金额原则上不超过10000元；
（三）对困难特别严重、按照上述标准救助后仍难以解决基本生活的，实行“一事一议”，经县级临时救助工作联席会议或者县级民政部门集体研究后，救助金额最高可提高至30000元。
各类情形的具体额度见附件。
第九条　同一家庭或者个人因同一事由，12个月内原则上只能获得一次临时救助；救助后仍有困难的，可以转介其他救助或者纳入低保、特困等常态化救助。
#H 第四章　申请和审批程序
第十条　申请临时救助，应当向户籍所在地或者经常居住地乡镇人民政府（街道办事处）提出，并提交临时救助申请书、身份证件、遭遇困难的证明材料（如医疗费用票据、火灾或者事故证明等）以及家庭经济状况承诺书。村（居）民委员会、社会组织、社会工作者等发现困难群众的，可以协助其提出申请。
第十一条　乡镇人民政府（街道办事处）受理申请后，应当在5个工作日内完成入户调查，提出审核意见，报县级民政部门审批；县级民政部门应当在3个工作日内作出审批决定。县级民政部门已将审批权限委托乡镇人民政府（街道办事处）的，单次救助金额在3000元以下的，由乡镇人民政府（街道办事处）直接审批，报县级民政部门备案。
第十二条　对情况紧急、需立即采取措施以防止造成无法挽回的损失或者无法改变的严重后果的，乡镇人民政府（街道办事处）、县级民政部门应当先行救助。先行救助金额在2000元以内的，可由乡镇人民政府（街道办事处）直接发放；紧急情况解除之后，应当在10个工作日内补齐审核审批手续。
第十三条　救助金额在1000元以下的小额临时救助，可以简化审核程序，不再进行民主评议，由乡镇人民政府（街道办事处）在受理后2个工作日内完成审批并发放。
第十四条　临时救助结果应当在申请人所在村（居）务公开栏公示，公示期为5天，但涉及个人隐私的内容除外。先行救助和小额临时救助事后一并公示。
#H 第五章　资金管理
第十五条　县级民政部门应当向乡镇人民政府（街道办事处）预拨临时救助备用金，备用金额度原则上不低于该乡镇（街道）上年度临时救助支出的30%，且每个乡镇（街道）不少于2万元，年终据实结算。
第十六条　临时救助资金实行专款专用，任何单位和个人不得挤占、挪用、截留。对采取虚报、隐瞒、伪造等手段骗取临时救助资金的，由县级民政部门追回救助资金，并依法追究相关责任。
#H 第六章　附则
第十七条　本办法由赣州市民政局、赣州市财政局负责解释。各县（市、区）可结合实际制定具体操作规程。
第十八条　本办法自2024年1月1日起施行，有效期至2028年12月31日。原《赣州市临时救助实施细则》（赣市民字〔2016〕88号）同时废止。
#H 附件
#C 赣州市临时救助额度参考标准
[[T1]]
注：2024年全市城市低保标准为每人每月870元，计算救助金额时以此为基数。""",
    tables={"T1": dict(
        header=["序号", "救助类型", "困难情形", "救助额度"],
        rows=[["1", "急难型", "遭遇火灾、水灾等导致住房损毁、基本生活用品严重缺失", "2000—5000元"],
              ["2", "急难型", "遭遇交通事故、人身伤害等意外事件，责任方暂时无法赔付", "1000—4000元"],
              ["3", "急难型", "家庭成员突发重大疾病，急需救治", "2000—5000元"],
              ["4", "支出型", "年度自负医疗费用1万元以上3万元以下", "2000—5000元"],
              ["5", "支出型", "年度自负医疗费用3万元以上", "5000—10000元"],
              ["6", "支出型", "子女接受全日制本科、高职教育，学费等一次性支出超出家庭承受能力", "2000—4000元"],
              ["7", "一事一议", "按上述标准救助后仍难以解决基本生活的特别困难情形", "最高30000元"]])},
)

DALI = dict(
    file="dali_tekun_gongyang_banfa_2024.pdf",
    format="pdf",
    tool="LibreOffice Writer headless (docx -> pdf), font Noto Serif CJK SC",
    region="云南省大理白族自治州",
    title="大理白族自治州特困人员救助供养实施办法",
    doc_number="大州民发〔2024〕8号",
    issuer="大理白族自治州民政局 大理白族自治州财政局",
    written_date="2024-04-10",
    effective_date="2024-06-01",
    kind="办法",
    body="""#C 大理白族自治州民政局　大理白族自治州财政局
#C 关于印发《大理白族自治州特困人员救助供养实施办法》的通知
#C 大州民发〔2024〕8号
各县（市）民政局、财政局：
为进一步做好特困人员救助供养工作，州民政局、州财政局研究制定了《大理白族自治州特困人员救助供养实施办法》，现印发给你们，请抓好贯彻落实。
#R 大理白族自治州民政局　大理白族自治州财政局
#R 2024年4月10日
#C 大理白族自治州特困人员救助供养实施办法
#H 第一章　总则
第一条　为规范特困人员救助供养工作，保障特困人员基本生活，根据《社会救助暂行办法》《特困人员认定办法》和云南省有关规定，结合本州实际，制定本办法。
第二条　本办法适用于本州行政区域内特困人员的认定、救助供养、终止和监督管理工作。
第三条　特困人员救助供养坚持政府主导、属地管理、应养尽养、城乡统筹的原则。县（市）人民政府民政部门负责特困人员认定和救助供养的具体组织实施。
#H 第二章　认定条件
第四条　同时具备下列条件的老年人、残疾人和未成年人，依法纳入特困人员救助供养范围：
（一）无劳动能力；
（二）无生活来源；
（三）无法定赡养、抚养、扶养义务人，或者其法定义务人无履行义务能力。
第五条　符合下列情形之一的，应当认定为本办法所称的无劳动能力：
（一）60周岁以上的老年人；
（二）未满16周岁的未成年人；
（三）残疾等级为一、二、三级的智力、精神残疾人，一、二级的肢体残疾人，一级视力残疾人；
（四）州人民政府民政部门规定的其他情形。
第六条　收入低于当地最低生活保障标准，且财产符合下列条件的，应当认定为本办法所称的无生活来源：
（一）本人名下存款、有价证券等金融资产合计不超过当地年特困人员基本生活标准的2倍；
（二）本人名下无机动车辆（残疾人功能性补偿代步机动车除外）；
（三）本人未拥有商业用房。
前款所称收入，不包括城乡居民基本养老保险基础养老金、高龄津贴、残疾人两项补贴等政府发放的补贴。
第七条　法定义务人符合下列情形之一的，应当认定为本办法所称的无履行义务能力：
（一）特困人员；
（二）60周岁以上的最低生活保障对象；
（三）70周岁以上的老年人，且符合下列条件：
1. 本人收入低于当地上年度城乡居民人均可支配收入；
2. 本人财产符合当地低收入家庭财产状况规定；
（四）重度残疾人和残疾等级为三级的智力、精神残疾人，且本人收入低于当地上年度城乡居民人均可支配收入、财产符合当地低收入家庭财产状况规定；
（五）无民事行为能力、被宣告失踪或者在监狱服刑的人员，且财产符合当地低保家庭财产状况规定；
（六）州人民政府民政部门规定的其他情形。
第八条　特困人员中的未成年人，满16周岁后仍在接受义务教育或者在普通高中、中等职业学校就读的，可以继续享有特困人员救助供养待遇至18周岁；年满18周岁仍在接受全日制本科或者高职教育的，可以继续享有至毕业当年。
#H 第三章　供养内容和标准
第九条　特困人员救助供养主要包括下列内容：
（一）提供基本生活条件；
（二）对生活不能自理的给予照料；
（三）提供疾病治疗；
（四）办理丧葬事宜。
特困人员中的未成年人，还应当依法给予教育保障。
第十条　特困人员救助供养标准包括基本生活标准和照料护理标准。基本生活标准按照不低于当地城市最低生活保障标准的1.3倍确定。照料护理标准按照生活自理能力分为三档：
（一）全自理的，按照不低于当地最低工资标准的8%确定；
（二）半护理的，按照不低于当地最低工资标准的20%确定；
（三）全护理的，按照不低于当地最低工资标准的35%确定。
各县（市）2024年救助供养标准见附件。
第十一条　特困人员生活自理能力由县（市）民政部门委托第三方专业机构，依据进食、穿衣、如厕、室内行走、上下床、洗澡等6项指标进行评估：6项指标均能自理的，为全自理；有1至3项不能自理的，为半护理；有4项以上不能自理的，为全护理。自理能力发生变化的，应当在10个工作日内重新评估。
第十二条　特困人员死亡后，丧葬事宜由供养服务机构或者乡镇人民政府（街道办事处）办理，丧葬费用按照特困人员6个月基本生活标准从救助供养经费中一次性列支。
#H 第四章　供养形式
第十三条　特困人员可以在当地的供养服务机构集中供养，也可以在家分散供养。对生活不能自理的特困人员，优先安排集中供养，全护理特困人员集中供养率不低于50%。
第十四条　分散供养的特困人员，由乡镇人民政府（街道办事处）与其亲友、邻居或者村（居）民委员会等签订委托照料服务协议，照料护理资金按月支付给照料服务人。
#H 第五章　申请、审核和确认
第十五条　申请特困人员救助供养，应当由本人向户籍所在地乡镇人民政府（街道办事处）提出书面申请，提交申请书、身份证和户口簿、残疾人证（残疾人申请时提供）以及收入和财产状况承诺书。本人申请有困难的，可以委托村（居）民委员会或者他人代为提出申请。
第十六条　乡镇人民政府（街道办事处）应当自受理申请之日起15个工作日内完成调查核实并提出初审意见，在申请人所在村（居）务公开栏公示7天。公示无异议的，将初审意见及相关材料报送县（市）民政部门。
第十七条　县（市）民政部门应当自收到初审意见之日起15个工作日内作出确认决定，入户抽查比例不低于30%。确认的，自确认之日的次月起给予救助供养待遇，并发放《特困人员救助供养证》；不予确认的，应当书面说明理由。
第十八条　特困人员有下列情形之一的，应当及时终止救助供养：
（一）死亡或者被宣告死亡、被宣告失踪；
（二）具备或者恢复劳动能力；
（三）依法被判处刑罚，且在监狱服刑；
（四）收入和财产状况不再符合本办法规定；
（五）法定义务人具有了履行义务能力或者新增具有履行义务能力的法定义务人；
（六）自愿申请退出救助供养。
第十九条　未成年特困人员年满18周岁终止救助供养后，符合最低生活保障条件的，应当及时纳入最低生活保障范围。
#H 第六章　附则
第二十条　本办法由大理白族自治州民政局负责解释。
第二十一条　本办法自2024年6月1日起施行。《大理州特困人员救助供养实施细则》（大州民发〔2019〕22号）同时废止。
#H 附件
#C 2024年大理州各县（市）特困人员救助供养标准
[[T1]]
注：照料护理标准按月随基本生活标准一并发放；集中供养的，照料护理资金拨付供养服务机构。""",
    tables={"T1": dict(
        header=["县（市）", "基本生活标准（元/人·月）", "全自理照料护理标准", "半护理照料护理标准", "全护理照料护理标准"],
        rows=[["大理市", "1040", "160", "400", "700"], ["祥云县", "1025", "150", "380", "670"],
              ["宾川县", "1015", "150", "380", "670"], ["弥渡县", "1000", "150", "380", "670"],
              ["南涧彝族自治县", "995", "150", "380", "670"], ["巍山彝族回族自治县", "1000", "150", "380", "670"],
              ["永平县", "990", "150", "380", "670"], ["云龙县", "990", "150", "380", "670"],
              ["洱源县", "1010", "150", "380", "670"], ["剑川县", "995", "150", "380", "670"],
              ["鹤庆县", "1005", "150", "380", "670"], ["漾濞彝族自治县", "990", "150", "380", "670"]])},
)

CHANGTING = dict(
    file="changting_liangxiang_butie_xize_2024.pdf",
    format="pdf",
    tool="fpdf2 (WenQuanYi Zen Hei TTF from fonts-wqy-zenhei), text layer with CJK radical code points",
    region="福建省龙岩市长汀县",
    title="长汀县困难残疾人生活补贴和重度残疾人护理补贴实施细则",
    doc_number="汀民〔2024〕17号",
    issuer="长汀县民政局 长汀县财政局 长汀县残疾人联合会",
    written_date="2024-02-26",
    effective_date="2024-04-01",
    kind="实施细则",
    body="""#C 长汀县民政局　长汀县财政局　长汀县残疾人联合会
#C 关于印发《长汀县困难残疾人生活补贴和重度残疾人护理补贴实施细则》的通知
#C 汀民〔2024〕17号
各乡（镇）人民政府、街道办事处，县直有关单位：
为进一步做好困难残疾人生活补贴和重度残疾人护理补贴（以下简称残疾人两项补贴）工作，现将《长汀县困难残疾人生活补贴和重度残疾人护理补贴实施细则》印发给你们，请认真组织实施。
#R 长汀县民政局　长汀县财政局　长汀县残疾人联合会
#R 2024年2月26日
#C 长汀县困难残疾人生活补贴和重度残疾人护理补贴实施细则
#H 第一章　总则
第一条　为保障困难残疾人基本生活和重度残疾人长期照护需求，根据《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）和福建省有关规定，结合我县实际，制定本细则。
第二条　本细则适用于具有本县户籍的残疾人两项补贴的申请、审核、发放和管理。
第三条　县民政局负责残疾人两项补贴的审定和发放管理；县残疾人联合会负责残疾人证核发和残疾等级复核；县财政局负责补贴资金的筹集和监管；乡（镇）人民政府、街道办事处负责受理和初审。
#H 第二章　补贴对象
第四条　困难残疾人生活补贴的对象为持有第二代《中华人民共和国残疾人证》的下列残疾人：
（一）最低生活保障家庭中的残疾人；
（二）低保边缘家庭中的一级、二级残疾人和三级、四级智力、精神残疾人；
（三）县人民政府确定的其他经济困难残疾人。
第五条　重度残疾人护理补贴的对象为残疾等级被评定为一级、二级且需要长期照护的重度残疾人。三级智力、精神残疾人按照扩面政策纳入护理补贴范围。
第六条　有下列情形之一的，不享受或者停止享受相应补贴：
（一）已纳入特困人员救助供养的，不享受生活补贴；
（二）享受孤儿、事实无人抚养儿童基本生活保障的残疾儿童，不享受生活补贴；
（三）入住养老机构、残疾人托养机构并享受政府全额护理费用补助的，不享受护理补贴；
（四）享受工伤保险生活护理费或者因公致残享受护理费的，不享受护理补贴。
#H 第三章　补贴标准
第七条　困难残疾人生活补贴标准为：一级、二级残疾人每人每月100元；三级、四级残疾人每人每月80元。
第八条　重度残疾人护理补贴标准为：一级残疾人每人每月120元；二级残疾人每人每月90元；三级智力、精神残疾人每人每月50元。
第九条　符合条件的残疾人可以同时享受生活补贴和护理补贴。补贴标准根据经济社会发展水平和残疾人生活保障需求适时调整，具体标准见附件。
#H 第四章　申请和审核
第十条　申请残疾人两项补贴，由残疾人本人、法定监护人或者委托代理人向户籍所在地乡（镇）人民政府、街道办事处社会救助服务窗口提出书面申请，也可以通过全国残疾人两项补贴信息系统或者“闽政通”APP在线申请。申请时应当提供下列材料：
（一）身份证或者户口簿；
（二）第二代《中华人民共和国残疾人证》；
（三）本人银行账户或者社会保障卡信息。
申请人享受低保、低保边缘待遇的，可以通过信息系统核验，不再要求提供证明材料。
第十一条　乡（镇）人民政府、街道办事处应当自受理申请之日起10个工作日内完成初审，对申请人的户籍、残疾人证、家庭经济状况等信息进行核实，符合条件的报送县残疾人联合会。
第十二条　县残疾人联合会应当在5个工作日内完成残疾人证信息和残疾等级的复核，并送县民政局；县民政局应当在5个工作日内完成审定。审定合格的，自审定合格的次月起发放补贴。
第十三条　残疾人两项补贴按月发放，通过本人社会保障卡或者银行账户实行社会化发放，每月20日前发放到位。
第十四条　户籍在本县、经常居住地在外省（区、市）的残疾人，可以在经常居住地提出申请，实行跨省通办，由经常居住地受理后转本县办理。
#H 第五章　动态管理
第十五条　补贴对象死亡、户籍迁出本县或者不再符合补贴条件的，本人、家属或者监护人应当在15日内向乡（镇）人民政府、街道办事处报告，自次月起停发补贴。
第十六条　县民政局会同县残疾人联合会每年至少开展一次补贴对象资格复核，并与公安、卫生健康、医保等部门开展数据比对。
第十七条　对采取虚报、隐瞒、伪造等手段骗取补贴的，由县民政局追回已发放的补贴资金；构成犯罪的，依法追究刑事责任。
#H 第六章　附则
第十八条　本细则由县民政局会同县残疾人联合会负责解释。
第十九条　本细则自2024年4月1日起施行，有效期3年。原《长汀县残疾人两项补贴实施办法》（汀民〔2016〕9号）同时废止。
#H 附件
#C 长汀县残疾人两项补贴标准表
[[T1]]""",
    tables={"T1": dict(
        header=["补贴类别", "残疾等级", "标准（元/人·月）"],
        rows=[["困难残疾人生活补贴", "一级、二级", "100"], ["困难残疾人生活补贴", "三级、四级", "80"],
              ["重度残疾人护理补贴", "一级", "120"], ["重度残疾人护理补贴", "二级", "90"],
              ["重度残疾人护理补贴（扩面）", "三级智力、精神残疾", "50"]])},
)

CHANGCHUN = dict(
    file="changchun_dibao_bianyuan_rending_2024.html",
    format="html",
    tool="hand-written HTML (python string template)",
    region="吉林省长春市",
    title="长春市低保边缘家庭和刚性支出困难家庭认定办法",
    doc_number="长民发〔2024〕21号",
    issuer="长春市民政局 长春市财政局",
    written_date="2024-05-08",
    effective_date="2024-06-01",
    kind="办法",
    body="""#C 长春市民政局　长春市财政局关于印发《长春市低保边缘家庭和刚性支出困难家庭认定办法》的通知
#C 长民发〔2024〕21号
各县（市）区民政局、财政局，各开发区社会事业局：
现将《长春市低保边缘家庭和刚性支出困难家庭认定办法》印发给你们，请结合工作实际，认真抓好落实。
#R 长春市民政局　长春市财政局
#R 2024年5月8日
#C 长春市低保边缘家庭和刚性支出困难家庭认定办法
第一条　为加强低收入人口动态监测，健全分层分类社会救助体系，规范低保边缘家庭和刚性支出困难家庭认定工作，根据国家和吉林省有关规定，结合本市实际，制定本办法。
第二条　本办法适用于本市行政区域内低保边缘家庭和刚性支出困难家庭的认定和管理。
第三条　低保边缘家庭是指不符合最低生活保障、特困人员救助供养条件，家庭人均收入低于当地最低生活保障标准1.5倍，且家庭财产状况符合本办法第六条规定的家庭。各地低保边缘家庭认定收入标准见附件。
第四条　刚性支出困难家庭是指不符合最低生活保障、特困人员救助供养、低保边缘家庭条件，同时符合下列条件的家庭：
（一）家庭人均收入低于本市上年度城乡居民人均可支配收入；
（二）家庭财产状况符合本办法第六条规定；
（三）申请前12个月内家庭成员自付的医疗、教育等刚性支出合计超过家庭年总收入的50%。
第五条　本办法所称刚性支出主要包括：
（一）医疗费用，指扣除基本医疗保险、大病保险、医疗救助等报销和救助后由个人负担的合规医疗费用；
（二）教育费用，指家庭成员接受全日制学历教育发生的学费、住宿费，按照本地公办学校收费标准计算；
（三）残疾康复费用，指残疾人接受基本康复服务个人负担的费用；
（四）市民政局会同有关部门认定的其他必需支出。
第六条　申请认定低保边缘家庭和刚性支出困难家庭的，家庭财产状况应当符合下列条件：
（一）共同生活家庭成员人均存款、有价证券等金融资产不超过当地年最低生活保障标准的5倍；
（二）家庭成员名下无机动车辆，但价值5万元以下的生活用车、残疾人功能性补偿代步机动车除外；
（三）在本市中心城区拥有两套以上（含两套）住房的，不予认定；
（四）家庭成员未担任企业法定代表人，或者担任法定代表人但企业已停业、注销的。
第七条　申请人可以向户籍所在地或者经常居住地乡镇人民政府（街道办事处）提出申请，也可以通过“吉事办”APP提出申请。申请时应当提交申请书、家庭成员身份证件、家庭经济状况核对授权书和收入财产承诺书；申请刚性支出困难家庭认定的，还应当提交医疗费用票据或者学校收费凭证。
第八条　乡镇人民政府（街道办事处）应当自受理申请之日起10个工作日内完成家庭经济状况调查核实，提出初审意见报县（市）区民政部门；县（市）区民政部门应当在5个工作日内作出认定决定。县（市）区民政部门可以委托乡镇人民政府（街道办事处）直接认定。低保边缘家庭和刚性支出困难家庭认定结果不张榜公示，但应当在低收入人口动态监测信息平台备案。
第九条　低保边缘家庭和刚性支出困难家庭的认定有效期为12个月，期满前1个月内由乡镇人民政府（街道办事处）组织复核。
第十条　最低生活保障家庭人均收入超过当地最低生活保障标准、但低于标准1.5倍的，给予9个月渐退期，渐退期内按照原低保金的60%发放。渐退期满后符合低保边缘家庭条件的，直接认定为低保边缘家庭，不再另行申请。
第十一条　经认定的低保边缘家庭和刚性支出困难家庭成员，可以按规定申请医疗救助、教育救助、住房救助、就业救助等专项救助；低保边缘家庭成员医疗救助在年度救助限额内按照60%的比例救助，年度救助限额为4万元。低保边缘家庭中的重病患者、重度残疾人，可以按照单人户申请最低生活保障。
第十二条　低保边缘家庭和刚性支出困难家庭纳入低收入人口动态监测信息平台，每季度开展一次数据比对，对出现返贫致贫风险的及时预警并主动救助。
第十三条　本办法由长春市民政局负责解释，自2024年6月1日起施行，有效期3年。
#H 附件
#C 长春市2024年城乡低保标准及低保边缘家庭认定收入标准（单位：元/人·月）
[[T1]]""",
    tables={"T1": dict(
        header=["地区", "城市低保标准", "农村低保标准", "城市低保边缘认定标准", "农村低保边缘认定标准"],
        rows=[["中心城区（南关区、朝阳区、宽城区、二道区、绿园区）", "790", "560", "1185", "840"],
              ["长春新区", "790", "560", "1185", "840"], ["双阳区", "760", "540", "1140", "810"],
              ["九台区", "740", "530", "1110", "795"], ["榆树市", "720", "510", "1080", "765"],
              ["德惠市", "720", "520", "1080", "780"], ["公主岭市", "730", "520", "1095", "780"],
              ["农安县", "720", "510", "1080", "765"]])},
)

DOCS = [GANSU, GANZHOU, DALI, CHANGTING, CHANGCHUN]


def lines_of(doc):
    """Yield (style, text) with style in C/R/H/P/TABLE; for TABLE text is the table dict."""
    for raw in doc["body"].split("\n"):
        if raw.startswith("[[") and raw.endswith("]]"):
            yield "TABLE", doc["tables"][raw[2:-2]]
        elif raw[:3] in ("#C ", "#R ", "#H "):
            yield raw[1], raw[3:]
        else:
            yield "P", raw


def plain_text(doc):
    out = []
    for style, text in lines_of(doc):
        if style == "TABLE":
            out.append(" ".join(text["header"]))
            out.extend(" ".join(r) for r in text["rows"])
        else:
            out.append(text)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------
# Generators.  Run:  python make_docs.py   (from a venv with the tools below; default output dir = this dir)
#   docx  -> python-docx                      (pip install python-docx)
#   pdf 1 -> reportlab, built-in CID font STSong-Light   (pip install reportlab)
#   pdf 2 -> python-docx + LibreOffice Writer headless `soffice --convert-to pdf`
#            (apt-get install libreoffice-writer-nogui fonts-noto-cjk)
#   pdf 3 -> fpdf2 with WenQuanYi Zen Hei (apt-get install fonts-wqy-zenhei); text layer has CJK radicals
#            (pip install fpdf2)
#   html  -> plain python string template
#   check -> pypdf (pip install pypdf) for the radical text-layer check
# ---------------------------------------------------------------------------------------------------------
import html as _html
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NOTO_TTC = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
WQY_TTC = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"  # apt-get install fonts-wqy-zenhei

# Kangxi radicals / CJK radicals supplement that some PDF printers emit instead of the unified ideographs.
RADICALS = {"一": "\u2F00", "人": "\u2F08", "长": "\u2ED3", "民": "\u2EA0", "日": "\u2F47", "月": "\u2F49",
            "十": "\u2F17", "大": "\u2F24", "工": "\u2F2F", "方": "\u2F45"}


def to_radicals(s):
    return "".join(RADICALS.get(ch, ch) for ch in s)


def _set_run_font(run, name, size=None, bold=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for k in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(k), name)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def build_docx(doc, path, font="宋体", margins_cm=(2.8, 2.6), page_numbers=False, header_text=None):
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    d = Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(margins_cm[0])
    sec.top_margin = sec.bottom_margin = Cm(margins_cm[1])
    if header_text:
        hp = sec.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_run_font(hp.add_run(header_text), font, 9)
    if page_numbers:
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_run_font(fp.add_run("第 "), font, 9)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        fp._p.append(fld)
        _set_run_font(fp.add_run(" 页"), font, 9)
    first_title = True
    for style, text in lines_of(doc):
        if style == "TABLE":
            tab = d.add_table(rows=1 + len(text["rows"]), cols=len(text["header"]))
            tab.style = "Table Grid"
            tab.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r_i, row in enumerate([text["header"]] + text["rows"]):
                for c_i, val in enumerate(row):
                    cell = tab.cell(r_i, c_i)
                    cell.text = ""
                    _set_run_font(cell.paragraphs[0].add_run(val), font, 10.5, bold=(r_i == 0))
            continue
        p = d.add_paragraph()
        if style == "C":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_run_font(p.add_run(text), font, 18 if first_title else 15, bold=True)
            first_title = False
        elif style == "H":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if text.startswith("第") else WD_ALIGN_PARAGRAPH.LEFT
            _set_run_font(p.add_run(text), font, 14, bold=True)
        elif style == "R":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _set_run_font(p.add_run(text), font, 14)
        else:
            p.paragraph_format.first_line_indent = Pt(28)
            _set_run_font(p.add_run(text), font, 14 if not page_numbers else 12)
    d.save(path)


def build_reportlab(doc, path):
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    F = "STSong-Light"
    body = ParagraphStyle("b", fontName=F, fontSize=11, leading=17, wordWrap="CJK", firstLineIndent=22)
    title = ParagraphStyle("t", parent=body, fontSize=15, leading=22, alignment=TA_CENTER, firstLineIndent=0)
    head = ParagraphStyle("h", parent=body, fontSize=12.5, leading=20, alignment=TA_CENTER, firstLineIndent=0)
    right = ParagraphStyle("r", parent=body, alignment=TA_RIGHT, firstLineIndent=0)
    cell = ParagraphStyle("c", parent=body, fontSize=9, leading=12, firstLineIndent=0)

    def deco(canvas, d):
        canvas.saveState()
        canvas.setFont(F, 8.5)
        canvas.drawString(4.2 * cm, A4[1] - 1.6 * cm, "赣州市民政局规范性文件")
        canvas.drawRightString(A4[0] - 4.2 * cm, A4[1] - 1.6 * cm, doc["doc_number"])
        canvas.line(4.2 * cm, A4[1] - 1.75 * cm, A4[0] - 4.2 * cm, A4[1] - 1.75 * cm)
        canvas.drawCentredString(A4[0] / 2, 1.4 * cm, "— %d —" % d.page)
        canvas.drawRightString(A4[0] - 4.2 * cm, 1.4 * cm, "第%d页" % d.page)
        canvas.restoreState()

    story, first = [], True
    for style, text in lines_of(doc):
        if style == "TABLE":
            data = [[Paragraph(_html.escape(v), cell) for v in row] for row in [text["header"]] + text["rows"]]
            t = Table(data, colWidths=[1.0 * cm, 1.7 * cm, 6.2 * cm, 2.6 * cm], repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story.append(t)
            continue
        st = {"C": title, "H": head, "R": right}.get(style, body)
        story.append(Paragraph(_html.escape(text), st))
        if style == "C" and first:
            story.append(Spacer(1, 4))
            first = False
    # narrow frame (about 12.6 cm) so long articles wrap mid-sentence
    SimpleDocTemplate(path, pagesize=A4, leftMargin=4.2 * cm, rightMargin=4.2 * cm, topMargin=2.4 * cm,
                      bottomMargin=2.2 * cm, title=doc["title"], author=doc["issuer"]).build(
        story, onFirstPage=deco, onLaterPages=deco)


def build_libreoffice(doc, path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) not found: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    tmp = tempfile.mkdtemp(prefix="office_lo_")
    src = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".docx")
    build_docx(doc, src, font="Noto Serif CJK SC", margins_cm=(3.6, 2.5), page_numbers=True,
               header_text="大理白族自治州民政局文件　" + doc["doc_number"])
    subprocess.run([soffice, "-env:UserInstallation=file://" + tmp + "/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", tmp, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.move(os.path.join(tmp, os.path.basename(src)[:-5] + ".pdf"), path)
    shutil.rmtree(tmp, ignore_errors=True)


def build_fpdf_radicals(doc, path):
    from fpdf import FPDF

    class P(FPDF):
        def header(self):
            self.set_font("noto", size=8)
            self.cell(0, 6, to_radicals("长汀县人民政府网　政策文件"), align="L")
            self.cell(0, 6, doc["doc_number"], align="R", new_x="LMARGIN", new_y="NEXT")
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(3)

        def footer(self):
            self.set_y(-14)
            self.set_font("noto", size=8)
            self.cell(0, 6, to_radicals("第 %d 页" % self.page_no()), align="C")

    pdf = P(format="A4")
    # WenQuanYi Zen Hei (TrueType outlines, has the Kangxi radical glyphs); fpdf2 2.8 mis-maps glyphs of the
    # CFF-based Noto CJK collection in long documents, so the TrueType font is used here.
    pdf.add_font("noto", fname=WQY_TTC, collection_font_number=0)
    pdf.add_font("noto", style="B", fname=WQY_TTC, collection_font_number=0)
    pdf.set_margins(38, 22, 38)  # text width ~134 mm
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(doc["title"])
    pdf.add_page()
    W = pdf.w - pdf.l_margin - pdf.r_margin
    first = True
    for style, text in lines_of(doc):
        if style == "TABLE":
            pdf.set_font("noto", size=9.5)
            with pdf.table(col_widths=(50, 45, 39), text_align="CENTER", line_height=7) as t:
                for row in [text["header"]] + text["rows"]:
                    r = t.row()
                    for v in row:
                        r.cell(to_radicals(v))
            continue
        s = to_radicals(text)
        if style == "C":
            pdf.set_font("noto", size=14 if first else 12.5)
            first = False
            pdf.multi_cell(W, 8, s, align="C", new_x="LMARGIN", new_y="NEXT")
        elif style == "H":
            pdf.set_font("noto", size=12)
            pdf.multi_cell(W, 8, s, align="C" if text.startswith("第") else "L", new_x="LMARGIN", new_y="NEXT")
        elif style == "R":
            pdf.set_font("noto", size=11)
            pdf.multi_cell(W, 7, s, align="R", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("noto", size=11)
            pdf.multi_cell(W, 7, "\u3000\u3000" + s, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.output(path)


HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="长春市民政局">
<meta name="SiteIDCode" content="2201000031">
<meta name="ArticleTitle" content="{title_attr}">
<meta name="PubDate" content="2024-05-13 09:30">
<meta name="ContentSource" content="长春市民政局">
<title>{title} - 长春市民政局</title>
<style>
body{{font-family:"Microsoft YaHei",SimSun,sans-serif;margin:0;background:#f3f3f3}}
.top{{background:#b71c1c;color:#fff;padding:6px 40px;font-size:12px}}
.nav a{{color:#fff;margin-right:22px;text-decoration:none}}
.main{{width:1000px;margin:0 auto;background:#fff;padding:20px 60px}}
.xxgk td{{border:1px solid #ddd;padding:4px 8px;font-size:13px}}
.TRS_Editor p{{text-indent:2em;line-height:2;font-size:16px}}
.TRS_Editor table td{{border:1px solid #000;padding:4px 6px;text-align:center}}
.footer{{text-align:center;font-size:12px;color:#666;padding:20px}}
</style>
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="top">
  <span>欢迎访问长春市民政局网站！</span>
  <span style="float:right"><a href="#">无障碍浏览</a> | <a href="#">长者模式</a> | <a href="#">English</a> | <a href="#">繁體</a></span>
</div>
<div class="header"><img src="/images/logo.png" alt="长春市民政局"><form class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav" style="background:#c62828;padding:10px 40px">
  <a href="/">首页</a><a href="/jggk/">机构概况</a><a href="/zwgk/">政务公开</a><a href="/zcwj/">政策文件</a>
  <a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a><a href="/ztzl/">专题专栏</a>
</div>
<div class="main">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zcwj/">政策文件</a> &gt; 规范性文件</div>
<table class="xxgk">
<tr><td>索引号：</td><td>11220100013xxxxx/2024-00213</td><td>主题分类：</td><td>民政、扶贫、救灾</td></tr>
<tr><td>发布机构：</td><td>长春市民政局</td><td>发文字号：</td><td>{doc_number}</td></tr>
<tr><td>成文日期：</td><td>2024年05月08日</td><td>发布日期：</td><td>2024年05月13日</td></tr>
<tr><td>名　　称：</td><td colspan="3">{title}</td></tr>
</table>
<div class="fontsize">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 浏览次数：<span id="hits">1873</span></div>
<div class="TRS_Editor">
{body}
</div>
<div class="attach">附件下载：<a href="#">长春市低保边缘家庭和刚性支出困难家庭认定办法.pdf</a></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a> <a href="#">【返回顶部】</a></div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="related"><h4>相关链接</h4><ul>
<li><a href="#">长春市民政局关于2024年调整城乡低保标准的通知</a></li>
<li><a href="#">政策解读：一图读懂低保边缘家庭认定</a></li>
<li><a href="#">长春市临时救助实施细则（征求意见稿）</a></li></ul></div>
</div>
<div class="footer">
<p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a> | <a href="#">网站纠错</a></p>
<p>主办单位：长春市民政局　地址：长春市南关区人民大街XXXX号　联系电话：0431-8XXXXXXX</p>
<p>网站标识码：2201000031　<a href="https://beian.miit.gov.cn">吉ICP备05001234号-1</a>　<img src="/images/gongan.png" alt="">吉公网安备 22010202000123号</p>
<p>建议使用1920×1080分辨率 IE11及以上浏览器浏览本站</p>
</div>
</body>
</html>
"""


def build_html(doc, path):
    parts = []
    for style, text in lines_of(doc):
        if style == "TABLE":
            rows = ["<tr>" + "".join("<td><strong>%s</strong></td>" % _html.escape(v) for v in text["header"]) + "</tr>"]
            rows += ["<tr>" + "".join("<td>%s</td>" % _html.escape(v) for v in r) + "</tr>" for r in text["rows"]]
            parts.append('<table border="1" cellspacing="0" cellpadding="0" align="center">\n<tbody>\n'
                         + "\n".join(rows) + "\n</tbody>\n</table>")
        elif style == "C":
            parts.append('<p style="text-align:center;text-indent:0"><strong>%s</strong></p>' % _html.escape(text))
        elif style == "R":
            parts.append('<p style="text-align:right">%s</p>' % _html.escape(text))
        elif style == "H":
            parts.append('<p style="text-indent:0"><strong>%s</strong></p>' % _html.escape(text))
        else:
            parts.append("<p>%s</p>" % _html.escape(text))
    first_title = next(t for s, t in lines_of(doc) if s == "C")
    with open(path, "w", encoding="utf-8") as f:
        f.write(HTML_TEMPLATE.format(title=_html.escape(first_title), title_attr=_html.escape(first_title, quote=True),
                                     doc_number=doc["doc_number"], body="\n".join(parts)))


BUILDERS = {"gansu": (GANSU, lambda d, p: build_docx(d, p)), "ganzhou": (GANZHOU, build_reportlab),
            "dali": (DALI, build_libreoffice), "changting": (CHANGTING, build_fpdf_radicals),
            "changchun": (CHANGCHUN, build_html)}

MANIFEST_KEYS = ("file", "format", "tool", "region", "title", "doc_number", "issuer", "written_date",
                 "effective_date", "kind")


def main(outdir=HERE, only=None):
    import json
    for key, (doc, fn) in BUILDERS.items():
        if only and key not in only:
            continue
        fn(doc, os.path.join(outdir, doc["file"]))
        print("built", doc["file"])
    manifest = [{k: d[k] for k in MANIFEST_KEYS} for d in DOCS]
    with open(os.path.join(outdir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main(only=set(sys.argv[1:]) or None)
