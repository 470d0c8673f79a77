"""Titles and abstracts of synthetic patents, written from each patent's IPC area.

A synthetic record's text follows its first IPC symbol: a patent under H01M speaks of electrode
materials and cycle life, one under B23K of welding seams, so that text search, matching and
keyword-based classification meet text and classification that agree, as in real data. Each
area of ``AREAS`` is a row of technical vocabulary (field, objects, processes or features, what
is improved, what is reduced) keyed by IPC prefixes; a symbol takes the area of its subclass,
else of its class, else of its section (every section has one, so every symbol has words).
Material and chemical areas (``M``) title their patents "…及其制备方法"; the others ("D",
devices and methods) "…及其控制方法". A title and an abstract are assembled by vectorised picks
from these lists (``texts``); the same generator state gives the same text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# prefixes | kind | field | objects | processes or features | improved | reduced
_TABLE = """
A45D | D | 美容美发器具 | 卷发器 直发梳 美甲灯 化妆刷 吹风机 | 恒温加热 负离子发生 红外感应 | 使用便捷性 造型效果 | 发质损伤
A47G A47J | D | 厨房与餐具器具 | 破壁料理机 电饭煲 空气炸锅 咖啡机 榨汁杯 | 精准控温 智能预约 压力调节 蒸汽加热 | 烹饪口感 加热均匀性 | 能耗 清洗难度
A47L B08B | D | 清洁设备 | 扫地机器人 洗碗机 洗地机 管道清洗装置 | 路径规划 高压喷淋 滚刷清洁 污水回收 | 清洁效率 覆盖率 | 用水量 噪音
A61B | D | 医疗诊断器械 | 超声探头 内窥镜 心电监测仪 血糖检测仪 | 图像采集 信号滤波 无创检测 | 诊断准确率 成像清晰度 | 患者痛苦
A61K | M | 药物制剂 | 药物组合物 中药提取物 缓释微球 纳米脂质体 口服制剂 | 超临界萃取 包埋 冷冻干燥 醇提水沉 | 生物利用度 稳定性 | 毒副作用
A61M | D | 医用输注器械 | 输液器 留置针 雾化器 导管 | 流量控制 防回流 密封连接 | 输注精度 安全性 | 感染风险
A63B A63H | D | 运动与玩具器材 | 跑步机 健身车 智能玩具 拼装积木 | 阻力调节 运动监测 遥控 | 趣味性 训练效果 | 运动损伤
B01D C02F | D | 水处理与分离 | 污水处理系统 膜分离装置 除尘器 废气净化装置 过滤器 | 反渗透 生化处理 絮凝沉淀 活性炭吸附 臭氧氧化 | 去除率 出水水质 | 运行成本 污泥产量
B01J | M | 催化剂 | 催化剂 分子筛 吸附剂 载体 | 浸渍 焙烧 水热合成 离子交换 | 催化活性 选择性 | 失活速率
B05B B05C B05D C09D | M | 涂料与涂装 | 水性涂料 防腐涂层 粉末涂料 喷涂装置 | 静电喷涂 固化 表面预处理 成膜 | 附着力 耐候性 耐腐蚀性 | 涂层缺陷 返工率
B21D B23P | D | 金属成形加工 | 冲压模具 折弯机 数控机床 夹具 | 冷冲压 精密定位 自动送料 | 加工精度 成形质量 | 回弹 废品率
B23K | D | 焊接 | 焊接机器人 激光焊接装置 焊枪 铜排焊接夹具 焊缝跟踪系统 | 焊缝跟踪 激光焊接 视觉定位 熔池检测 | 焊接质量 焊缝一致性 | 焊接变形 飞溅
B25J | D | 工业机器人 | 工业机器人 机械臂 协作机器人 末端执行器 | 视觉定位 路径规划 力控 手眼标定 | 定位精度 作业效率 | 碰撞风险
B29C | M | 塑料成型 | 注塑模具 挤出机 3D打印装置 薄膜 | 注塑成型 吹塑 熔融挤出 增材制造 | 成型精度 表面质量 | 翘曲变形 缩痕
B32B | M | 层状复合材料 | 复合膜 多层板 铝塑复合板 覆铜板 | 层压 共挤 热压复合 | 剥离强度 阻隔性 | 分层风险
B60L H02J | D | 储能与充电 | 充电桩 储能系统 电池管理系统 光伏逆变器 | 均衡充电 功率分配 荷电状态估算 热管理 | 充电效率 续航里程 | 电池衰减
B60R B62D | D | 车辆 | 汽车车身 转向系统 安全气囊 车载摄像头 | 碰撞吸能 轻量化 电动助力 | 安全性 操控稳定性 | 车身重量
B65D B65G B65H | D | 输送与包装 | 包装盒 输送机 分拣装置 收卷机 | 自动分拣 张力控制 密封包装 | 分拣效率 输送稳定性 | 破损率
C04B | M | 建筑材料 | 混凝土 水泥基材料 陶瓷 耐火材料 预制构件 | 养护 烧结 掺合料改性 | 抗压强度 耐久性 | 开裂风险 干燥收缩
C07D C07C | M | 有机合成 | 杂环化合物 医药中间体 有机胺 | 催化合成 重结晶 缩合反应 | 收率 纯度 | 副产物含量
C08K C08L C08J C08G | M | 高分子材料 | 改性塑料 橡胶组合物 阻燃材料 可降解塑料 聚乳酸 | 共混改性 接枝 交联 熔融共混 | 力学性能 阻燃性能 韧性 | 助剂析出
C12N C12P C12Q | M | 生物工程 | 工程菌 酶制剂 发酵菌株 细胞培养基 | 基因编辑 发酵 固定化 高通量筛选 | 表达量 转化率 | 杂菌污染
C22C C22F | M | 金属材料 | 铜合金 铝合金 高强钢 钛合金 铜箔 | 熔炼 热处理 时效处理 轧制 | 导电率 抗拉强度 硬度 | 晶粒粗大
C23C C25D C25F | M | 金属表面处理 | 电解铜箔 低轮廓电解铜箔 镀层 电镀液 涂层 | 表面粗化处理 电镀 化学镀 钝化 防氧化处理 | 剥离强度 耐腐蚀性 结合力 | 表面粗糙度 信号损耗
E01D E01C | D | 道路与桥梁 | 桥梁支座 路面结构 伸缩缝 护栏 | 预制拼装 减振 排水 | 承载能力 耐久性 | 维护成本
E02D E21B | D | 地基与钻探 | 桩基 基坑支护 钻井装置 钻头 | 注浆加固 旋挖 防塌孔 | 承载力 钻进效率 | 地基沉降
E04B E04F E04G | D | 建筑结构 | 装配式墙体 楼板 保温墙板 脚手架 | 预制装配 榫卯连接 保温隔热 | 施工效率 抗震性能 | 施工成本 热损失
F01D F02B F04B F04D | D | 发动机与泵 | 燃气轮机叶片 内燃机 离心泵 压缩机 | 冷却 增压 密封 叶轮优化 | 效率 功率密度 | 振动 泄漏
F16B F16H F16K F16L | D | 机械零部件 | 减速器 齿轮箱 阀门 管道接头 轴承 | 密封 润滑 传动 快速连接 | 传动效率 密封性能 使用寿命 | 磨损 泄漏
F21V F21S F21K | D | 照明 | LED灯具 路灯 透镜 散热器 | 配光 散热 调光 | 光效 均匀度 | 眩光 光衰
F24F F25B F25D | D | 制冷与空调 | 空调器 热泵 冰箱 冷库 换热器 | 变频控制 除霜 蒸发冷凝 | 能效比 制冷量 | 能耗 结霜
G01B G01M G01N G01R | D | 检测与测量 | 检测装置 传感器 光谱仪 测试台 电能表 | 光谱分析 无损检测 信号采集 标定 | 检测精度 检测效率 | 误差 漂移
G05B | D | 自动控制 | 控制系统 可编程控制器 数控系统 生产线 | 闭环控制 故障诊断 参数整定 | 控制精度 稳定性 | 停机时间
G06F G06N G06Q | D | 数据处理 | 数据处理方法 神经网络模型 数据库 调度系统 推荐系统 | 深度学习 特征提取 数据清洗 分布式计算 | 处理速度 准确率 | 计算资源 延迟
G06T G06V H04N | D | 图像处理与视觉 | 图像识别系统 视觉检测装置 摄像头 三维重建系统 | 目标检测 图像分割 视觉定位 缺陷检测 | 识别准确率 检测速度 | 误检率
G08B G09F | D | 报警与显示 | 报警装置 显示屏 标识牌 广告牌 | 实时监测 远程报警 背光调节 | 响应速度 显示效果 | 误报率
H01L H10K | M | 半导体器件 | 芯片 功率器件 发光二极管 晶圆 太阳能电池片 | 刻蚀 外延生长 封装 键合 | 良率 光电转换效率 | 漏电流 热阻
H01M | M | 锂离子电池 | 锂离子电池 磷酸铁锂正极材料 三元正极材料 硅碳负极材料 电池隔膜 电解液 | 碳包覆 高温烧结 连续化烧结 球磨混合 极片涂布 | 循环寿命 倍率性能 能量密度 | 生产成本 内阻
H01R H05K | D | 电子连接与电路板 | 连接器 印制电路板 高频电路板 线束 柔性电路板 | 压接 阻抗匹配 表面贴装 高速传输 | 连接可靠性 信号完整性 | 信号损耗 接触电阻
H02K H02M | D | 电机与电源 | 永磁电机 电机定子 开关电源 变频器 | 矢量控制 软开关 绕组优化 | 功率密度 转换效率 | 温升 电磁干扰
H04L H04W H04B | D | 通信 | 无线通信系统 基站 物联网终端 网关 | 信道估计 数据加密 资源调度 | 传输速率 通信可靠性 | 时延 丢包率
A | D | 生活与医疗用品 | 家用器具 护理装置 农业机械 食品加工设备 | 自动控制 安全防护 | 使用便捷性 安全性 | 生产成本
B | D | 加工与运输 | 加工设备 输送装置 模具 分离装置 | 自动上料 精密加工 | 加工效率 稳定性 | 故障率
C | M | 化学与冶金 | 复合材料 化合物 合金 组合物 | 合成 提纯 改性 | 性能 纯度 | 污染物排放
D | M | 纺织与造纸 | 纺织面料 无纺布 纤维 纸张 | 纺丝 织造 染整 | 强度 透气性 | 起球率
E | D | 建筑与采矿 | 建筑构件 支护结构 采掘设备 | 装配 加固 | 施工效率 安全性 | 施工成本
F | D | 机械与热工 | 机械装置 热交换装置 动力装置 | 传动 换热 密封 | 效率 可靠性 | 能耗
G | D | 测量与计算 | 测量装置 控制装置 信息处理系统 | 信号处理 数据分析 | 精度 效率 | 误差
H | D | 电学 | 电子器件 电气设备 电路 | 电路设计 封装 | 可靠性 效率 | 功耗
"""

MATERIAL_FORMS = ("一种{o}及其制备方法", "一种{o}的制备方法", "一种{o}的{p}方法", "一种{o}", "一种用于{o}的{p}装置")
DEVICE_FORMS = ("一种{o}", "一种{o}及其控制方法", "一种{o}的{p}方法", "一种基于{p}的{o}", "一种{o}的{p}装置")


@dataclass(frozen=True)
class Area:
    prefixes: tuple[str, ...]
    material: bool
    field: str
    objects: tuple[str, ...]
    processes: tuple[str, ...]
    improved: tuple[str, ...]
    reduced: tuple[str, ...]


def _parse(table: str) -> tuple[Area, ...]:
    areas = []
    for line in table.strip().splitlines():
        prefixes, kind, field, objects, processes, improved, reduced = (part.strip() for part in line.split("|"))
        areas.append(Area(tuple(prefixes.split()), kind == "M", field, tuple(objects.split()),
                          tuple(processes.split()), tuple(improved.split()), tuple(reduced.split())))
    return tuple(areas)


AREAS = _parse(_TABLE)


@functools.lru_cache(maxsize=1)
def _by_prefix() -> dict[str, int]:
    return {prefix: i for i, area in enumerate(AREAS) for prefix in area.prefixes}


def area_of(symbol: str) -> Area:
    """The area whose vocabulary a patent classified under ``symbol`` is written in."""
    return AREAS[_area_index(symbol)]


def _area_index(symbol: str) -> int:
    by_prefix = _by_prefix()
    for length in (4, 3, 1):
        found = by_prefix.get(symbol[:length].upper())
        if found is not None:
            return found
    return by_prefix["G"]  # not an IPC symbol at all: the most general words


@functools.lru_cache(maxsize=1)
def _flat() -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Each list of every area flattened into one array, with each area's offset and count."""
    out = {}
    for name in ("objects", "processes", "improved", "reduced"):
        lists = [getattr(area, name) for area in AREAS]
        counts = np.array([len(values) for values in lists])
        offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
        out[name] = (np.array([v for values in lists for v in values], dtype=object), offsets, counts)
    return out


def _pick(rng: np.random.Generator, name: str, area: np.ndarray) -> np.ndarray:
    values, offsets, counts = _flat()[name]
    return values[offsets[area] + (rng.random(len(area)) * counts[area]).astype(int)]


def texts(rng: np.random.Generator, first_ipc: pa.Array, topics: np.ndarray | None = None) -> tuple[pa.Array, pa.Array]:
    """(title, abstract) per row from the row's first IPC symbol; ``topics`` (object or None per
    row) replaces the area's object where given (the SEI keywords of the concordance)."""
    symbols = first_ipc.to_numpy(zero_copy_only=False)
    unique, inverse = np.unique(symbols.astype(str), return_inverse=True)
    area = np.array([_area_index(s) for s in unique], dtype=int)[inverse]
    obj = _pick(rng, "objects", area)
    if topics is not None:
        obj = np.where(_given(topics), topics, obj)
    process, other = _pick(rng, "processes", area), _pick(rng, "processes", area)
    improved, reduced = _pick(rng, "improved", area), _pick(rng, "reduced", area)
    form = rng.integers(len(DEVICE_FORMS), size=len(area))
    material = np.array([a.material for a in AREAS])[area]
    fields = np.array([a.field for a in AREAS], dtype=object)[area]
    o, p = pa.array(obj, type=pa.string()), pa.array(process, type=pa.string())
    candidates = []
    for material_form, device_form in zip(MATERIAL_FORMS, DEVICE_FORMS, strict=True):
        candidates.append(pc.if_else(pa.array(material), _fill(material_form, o, p), _fill(device_form, o, p)))
    title = pc.choose(pa.array(form, type=pa.int8()), *candidates)
    other = np.where(other == process, "工艺优化", other)  # two different steps, never "烧结和烧结"
    abstract = _join("本发明公开了", title, "，属于", fields, "技术领域。该方案采用", p, "和", other,
                     "，提高了", improved, "，降低了", reduced, "。")
    return title, abstract


def _given(values: np.ndarray) -> np.ndarray:
    return np.array([v is not None for v in values], dtype=bool)


def _fill(form: str, o: pa.Array, p: pa.Array) -> pa.Array:
    """A form such as "一种{o}的{p}方法" filled row by row."""
    parts: list[pa.Array | str] = []
    rest = form
    while rest:
        if rest.startswith("{o}"):
            parts.append(o)
            rest = rest[3:]
        elif rest.startswith("{p}"):
            parts.append(p)
            rest = rest[3:]
        else:
            cut = min([i for i in (rest.find("{o}"), rest.find("{p}")) if i >= 0] or [len(rest)])
            parts.append(rest[:cut])
            rest = rest[cut:]
    return _join(*parts)


def _join(*parts: pa.Array | np.ndarray | str) -> pa.Array:
    arrays = [p if isinstance(p, str | pa.Array) else pa.array(p, type=pa.string()) for p in parts]
    return pc.binary_join_element_wise(*arrays, "")
