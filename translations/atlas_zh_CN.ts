<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VariantLabels</name>
    <message>
        <source>Scaled dot-product attention</source>
        <translation>缩放点积注意力</translation>
    </message>
    <message>
        <source>Additive attention</source>
        <translation>加性注意力</translation>
    </message>
    <message>
        <source>Distance-based attention</source>
        <translation>基于距离的注意力</translation>
    </message>
    <message>
        <source>Bilinear attention</source>
        <translation>双线性注意力</translation>
    </message>
    <message>
        <source>Multi-head attention</source>
        <translation>多头注意力</translation>
    </message>
    <message>
        <source>Grouped-query attention</source>
        <translation>分组查询注意力</translation>
    </message>
    <message>
        <source>Dense scoring</source>
        <translation>稠密评分</translation>
    </message>
    <message>
        <source>Fixed sparse patterns</source>
        <translation>固定稀疏模式</translation>
    </message>
    <message>
        <source>Data-dependent patterns</source>
        <translation>数据相关的稀疏模式</translation>
    </message>
    <message>
        <source>Fewer keys</source>
        <translation>减少键的数量</translation>
    </message>
    <message>
        <source>Reordered products</source>
        <translation>改变乘法顺序</translation>
    </message>
    <message>
        <source>Not from queries and keys</source>
        <translation>不依赖查询与键</translation>
    </message>
    <message>
        <source>Same result, another schedule</source>
        <translation>结果相同，计算顺序不同</translation>
    </message>
</context>
<context>
    <name>atlas::app::MainWindow</name>
    <message>
        <source>Attention Atlas</source>
        <translation>注意力图谱</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>注意力变体</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) available</source>
        <translation>
            <numerusform>共 %n 种注意力变体可用</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a variant on the left.</source>
        <translation>请在左侧选择一种注意力变体。</translation>
    </message>
</context>
</TS>
