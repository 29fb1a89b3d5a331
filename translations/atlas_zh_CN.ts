<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ColorMaps</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis（感知均匀）</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Cividis (colour-blind safe)</source>
        <translation>Cividis（色盲友好）</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>Hot（黑红黄白）</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <source>&apos;%1&apos; at N = %2, M = %3 needs about %4, more than the memory limit of %5.</source>
        <translation>“%1”在 N = %2、M = %3 时约需 %4 内存，超过了 %5 的内存上限。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; ran out of memory.</source>
        <translation>“%1”计算时内存不足。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; failed: %2</source>
        <translation>“%1”计算失败：%2</translation>
    </message>
    <message>
        <source>Unknown input &apos;%1&apos;: use random, positional, clustered or sentence:TEXT.</source>
        <translation>未知的输入“%1”：请使用 random、positional、clustered 或 sentence:文本。</translation>
    </message>
    <message>
        <source>The sentence has no tokens: type some words.</source>
        <translation>句子里没有词元：请输入一些字词。</translation>
    </message>
    <message>
        <source>A sentence attends to itself: M must equal its number of tokens (%1).</source>
        <translation>句子做的是自注意力：M 必须等于它的词元数（%1）。</translation>
    </message>
    <message>
        <source>N and M must be at least 1.</source>
        <translation>N 和 M 至少为 1。</translation>
    </message>
    <message>
        <source>The widths d and dv must be at least 1.</source>
        <translation>宽度 d 和 dv 至少为 1。</translation>
    </message>
    <message>
        <source>Q, K and V must all be non-empty.</source>
        <translation>Q、K、V 都不能为空。</translation>
    </message>
    <message>
        <source>K and V must have the same number of rows (one per key), but K has %1 and V has %2.</source>
        <translation>K 和 V 的行数必须相同（每个键一行），但 K 有 %1 行，V 有 %2 行。</translation>
    </message>
    <message>
        <source>%1, line %2: an empty field is not a number.</source>
        <translation>%1，第 %2 行：空字段不是数字。</translation>
    </message>
    <message>
        <source>%1, line %2: &apos;%3&apos; is not a number.</source>
        <translation>%1，第 %2 行：“%3”不是数字。</translation>
    </message>
    <message>
        <source>%1, line %2: %3 values where the first row has %4.</source>
        <translation>%1，第 %2 行：有 %3 个值，而第一行有 %4 个。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: the value is too large for float32.</source>
        <translation>%1，第 %2 行第 %3 列：数值超出 float32 的范围。</translation>
    </message>
    <message>
        <source>%1: holds no numbers.</source>
        <translation>%1：文件中没有数字。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: NaN is not allowed; inputs must be finite numbers.</source>
        <translation>%1，第 %2 行第 %3 列：不允许 NaN，输入必须是有限的数。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: Inf is not allowed; inputs must be finite numbers.</source>
        <translation>%1，第 %2 行第 %3 列：不允许 Inf，输入必须是有限的数。</translation>
    </message>
    <message>
        <source>%1: cannot be opened (%2).</source>
        <translation>%1：无法打开（%2）。</translation>
    </message>
    <message>
        <source>%1: cannot be read.</source>
        <translation>%1：无法读取。</translation>
    </message>
    <message>
        <source>%1: cannot be written (%2).</source>
        <translation>%1：无法写入（%2）。</translation>
    </message>
    <message>
        <source>%1: writing failed (disk full?).</source>
        <translation>%1：写入失败（磁盘已满？）。</translation>
    </message>
    <message>
        <source>%1: unknown file type for %2; give a .npy or .csv file.</source>
        <translation>%1：%2 的文件类型未知，请使用 .npy 或 .csv 文件。</translation>
    </message>
    <message>
        <source>%1: %2 is empty.</source>
        <translation>%1：%2 是空的。</translation>
    </message>
    <message>
        <source>%1: %2 must be a 2-D array (rows x columns) or a vector, but this one has %3 dimension(s).</source>
        <translation>%1：%2 必须是二维数组（行 × 列）或向量，但这个数组有 %3 维。</translation>
    </message>
    <message>
        <source>%1: %2 must be a 2-D array (rows x columns), but this one has %3 dimension(s).</source>
        <translation>%1：%2 必须是二维数组（行 × 列），但这个数组有 %3 维。</translation>
    </message>
    <message>
        <source>%1: the header has no &apos;%2&apos; entry.</source>
        <translation>%1：文件头缺少“%2”项。</translation>
    </message>
    <message>
        <source>%1: the header is malformed near &apos;%2&apos;.</source>
        <translation>%1：文件头在“%2”附近格式有误。</translation>
    </message>
    <message>
        <source>%1: the header&apos;s shape is not closed.</source>
        <translation>%1：文件头中的形状缺少右括号。</translation>
    </message>
    <message>
        <source>%1: the header&apos;s shape %2 is not valid.</source>
        <translation>%1：文件头中的形状 %2 无效。</translation>
    </message>
    <message>
        <source>%1: not a .npy file (its first bytes are not the NumPy magic string).</source>
        <translation>%1：不是 .npy 文件（开头的字节不是 NumPy 的魔数字符串）。</translation>
    </message>
    <message>
        <source>%1: the file is truncated inside its header.</source>
        <translation>%1：文件在文件头处被截断。</translation>
    </message>
    <message>
        <source>%1: unsupported .npy format version %2.</source>
        <translation>%1：不支持的 .npy 格式版本 %2。</translation>
    </message>
    <message>
        <source>%1: the header is not a dictionary.</source>
        <translation>%1：文件头不是字典。</translation>
    </message>
    <message>
        <source>%1: the header&apos;s shape is not a tuple.</source>
        <translation>%1：文件头中的形状不是元组。</translation>
    </message>
    <message>
        <source>%1: unsupported dtype %2; save Q, K, V as float32 or float64 (little-endian).</source>
        <translation>%1：不支持的数据类型 %2，请把 Q、K、V 保存为 float32 或 float64（小端序）。</translation>
    </message>
    <message>
        <source>%1: Fortran-order arrays are not supported; save it in C order (numpy.ascontiguousarray).</source>
        <translation>%1：不支持 Fortran 顺序的数组，请按 C 顺序保存（numpy.ascontiguousarray）。</translation>
    </message>
    <message>
        <source>%1: the header&apos;s fortran_order is neither True nor False.</source>
        <translation>%1：文件头中的 fortran_order 既不是 True 也不是 False。</translation>
    </message>
    <message>
        <source>%1: the shape %2 is too large.</source>
        <translation>%1：形状 %2 太大。</translation>
    </message>
    <message>
        <source>%1: truncated: shape %2 needs %3 bytes of data but only %4 follow the header.</source>
        <translation>%1：文件被截断：形状 %2 需要 %3 字节数据，但文件头之后只有 %4 字节。</translation>
    </message>
    <message>
        <source>%1: contains NaN at flat index %2; inputs must be finite numbers.</source>
        <translation>%1：在展平下标 %2 处有 NaN，输入必须是有限的数。</translation>
    </message>
    <message>
        <source>%1: contains Inf at flat index %2; inputs must be finite numbers.</source>
        <translation>%1：在展平下标 %2 处有 Inf，输入必须是有限的数。</translation>
    </message>
    <message>
        <source>%1: the value at flat index %2 is too large for float32.</source>
        <translation>%1：展平下标 %2 处的数值超出 float32 的范围。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a memory size: write for example 512M or 2G.</source>
        <translation>“%1”不是内存大小，请写成 512M 或 2G 这样的形式。</translation>
    </message>
    <message>
        <source>Parameter &apos;%1&apos; of &apos;%2&apos; is a matrix (%3): give a .npy file, as in --set %1=file.npy.</source>
        <translation>“%2”的参数“%1”是矩阵（%3），请给出 .npy 文件，例如 --set %1=file.npy。</translation>
    </message>
    <message>
        <source>Parameter &apos;%1&apos; of &apos;%2&apos; must be true or false, not &apos;%3&apos;.</source>
        <translation>“%2”的参数“%1”必须是 true 或 false，而不是“%3”。</translation>
    </message>
    <message>
        <source>Parameter &apos;%1&apos; of &apos;%2&apos; must be between %3 and %4, not %5.</source>
        <translation>“%2”的参数“%1”必须在 %3 到 %4 之间，而不是 %5。</translation>
    </message>
    <message>
        <source>Parameter &apos;%1&apos; of &apos;%2&apos; is not a matrix: give its value, not a file.</source>
        <translation>“%2”的参数“%1”不是矩阵：请直接给出数值，而不是文件。</translation>
    </message>
    <message>
        <source>Variant &apos;%1&apos; has no parameter &apos;%2&apos; (it has none).</source>
        <translation>注意力变体“%1”没有参数“%2”（它没有任何参数）。</translation>
    </message>
    <message>
        <source>Variant &apos;%1&apos; has no parameter &apos;%2&apos; (it has %3).</source>
        <translation>注意力变体“%1”没有参数“%2”（它的参数是 %3）。</translation>
    </message>
    <message>
        <source>Parameter &apos;%1&apos; of &apos;%2&apos; must be a whole number, not &apos;%3&apos;.</source>
        <translation>“%2”的参数“%1”必须是整数，而不是“%3”。</translation>
    </message>
    <message>
        <source>Parameter &apos;%1&apos; of &apos;%2&apos; must be a number, not &apos;%3&apos;.</source>
        <translation>“%2”的参数“%1”必须是数字，而不是“%3”。</translation>
    </message>
    <message>
        <source>Unknown variant &apos;%1&apos; (known: %2).</source>
        <translation>未知的注意力变体“%1”（可用的有：%2）。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was set to queries of width dq = %2, but Q has %3 columns.</source>
        <translation>“%1”设定查询宽度 dq = %2，但 Q 有 %3 列。</translation>
    </message>
    <message>
        <source>Parameter %1 of &apos;%2&apos; must be %3 x %4 but the given matrix is %5 x %6.</source>
        <translation>“%2”的参数 %1 必须是 %3 × %4，但给出的矩阵是 %5 × %6。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs queries as wide as the keys (%2 columns), but Q has %3.</source>
        <translation>“%1”要求查询与键等宽（%2 列），但 Q 有 %3 列。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs the width of Q and K (%2) to be divisible by the number of heads (%3).</source>
        <translation>“%1”要求 Q 和 K 的宽度（%2）能被注意力头数（%3）整除。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs the width of V (%2) to be divisible by the number of heads (%3).</source>
        <translation>“%1”要求 V 的宽度（%2）能被注意力头数（%3）整除。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs the number of heads (%2) to be divisible by the number of groups (%3).</source>
        <translation>“%1”要求注意力头数（%2）能被分组数（%3）整除。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs K with groups x dq / heads = %2 columns, but K has %3.</source>
        <translation>“%1”要求 K 有 分组数 × dq / 头数 = %2 列，但 K 有 %3 列。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs the width of V (%2) to be divisible by the number of groups (%3).</source>
        <translation>“%1”要求 V 的宽度（%2）能被分组数（%3）整除。</translation>
    </message>
</context>
<context>
    <name>FigureExport</name>
    <message>
        <source>The figure size must be between 16 and 20000 pixels on each side.</source>
        <translation>图像每边的尺寸必须在 16 到 20000 像素之间。</translation>
    </message>
    <message>
        <source>The resolution must be between 24 and 2400 DPI.</source>
        <translation>分辨率必须在 24 到 2400 DPI 之间。</translation>
    </message>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>Params</name>
    <message>
        <source>Causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>Each query sees only the keys at or before its own position (j ≤ i).</source>
        <translation>每个查询只能看到位于它自身及之前位置的键（j ≤ i）。</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Number of attention heads h; each head uses d/h columns of Q, K and V.</source>
        <translation>注意力头的个数 h；每个头使用 Q、K、V 中的 d/h 列。</translation>
    </message>
    <message>
        <source>Key/value groups</source>
        <translation>键值分组数</translation>
    </message>
    <message>
        <source>Number of key/value heads g shared by the query heads; 1 is multi-query attention.</source>
        <translation>由各查询头共享的键值头个数 g；取 1 即为多查询注意力。</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <source>Width of the hidden layer of the scoring network.</source>
        <translation>评分函数中隐藏层的宽度。</translation>
    </message>
    <message>
        <source>Query width dq</source>
        <translation>查询宽度 dq</translation>
    </message>
    <message>
        <source>Width of the queries; 0 makes it equal to the key width dk.</source>
        <translation>查询向量的宽度；取 0 表示与键的宽度 dk 相同。</translation>
    </message>
    <message>
        <source>Query projection W_q</source>
        <translation>查询投影 W_q</translation>
    </message>
    <message>
        <source>Drawn from the seed.</source>
        <translation>由随机种子生成。</translation>
    </message>
    <message>
        <source>Key projection W_k</source>
        <translation>键投影 W_k</translation>
    </message>
    <message>
        <source>Output weights w_v</source>
        <translation>输出权重 w_v</translation>
    </message>
    <message>
        <source>Bilinear matrix W</source>
        <translation>双线性矩阵 W</translation>
    </message>
</context>
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
    <name>Views</name>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>讲解</translation>
    </message>
</context>
<context>
    <name>atlas::app::ExportDialog</name>
    <message>
        <source>Export figure</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>高度(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source>The format follows the file name: .png, .svg or .pdf. SVG and PDF keep text as text.</source>
        <translation>格式由文件扩展名决定：.png、.svg 或 .pdf。SVG 和 PDF 中的文字保持为可编辑的文本。</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Give a file name ending in .png, .svg or .pdf.</source>
        <translation>请给出以 .png、.svg 或 .pdf 结尾的文件名。</translation>
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
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>About Attention Atlas</source>
        <translation>关于注意力图谱</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Attention Atlas %1&lt;/h3&gt;&lt;p&gt;Makes attention mechanisms visible: every variant computed on the same inputs, shown as heatmaps, with its formula and cost.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;注意力图谱 %1&lt;/h3&gt;&lt;p&gt;让注意力机制看得见：在同一组输入上计算各种注意力变体，以热力图展示，并给出公式与计算代价。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>计算(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Colour map</source>
        <translation>配色(&amp;C)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>&amp;Open Q, K, V…</source>
        <translation>打开 Q、K、V(&amp;O)…</translation>
    </message>
    <message>
        <source>Load queries, keys and values from .npy or .csv files</source>
        <translation>从 .npy 或 .csv 文件载入查询、键和值</translation>
    </message>
    <message>
        <source>&amp;Export figure…</source>
        <translation>导出图像(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the current view as PNG, SVG or PDF</source>
        <translation>把当前视图保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find variant</source>
        <translation>查找注意力变体(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Logarithmic colour scale</source>
        <translation>对数色标(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About Attention Atlas</source>
        <translation>关于注意力图谱(&amp;A)</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>显示%1</translation>
    </message>
    <message>
        <source>The translation for %1 could not be loaded.</source>
        <translation>无法加载 %1 的翻译。</translation>
    </message>
    <message numerus="yes">
        <source>%1: N = %2, M = %3, %n head(s), computed in %4 ms</source>
        <translation>
            <numerusform>%1：N = %2，M = %3，%n 个注意力头，计算用时 %4 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot tell which file is Q, K and V: name them q, k and v (for example q.npy, k.npy, v.npy).</source>
        <translation>无法判断哪个文件是 Q、K、V：请把文件命名为 q、k、v（例如 q.npy、k.npy、v.npy）。</translation>
    </message>
    <message>
        <source>Give one file (used as Q, K and V) or three files named q, k and v.</source>
        <translation>请给出一个文件（同时用作 Q、K、V），或三个分别名为 q、k、v 的文件。</translation>
    </message>
    <message>
        <source>Files %1: N = %2, M = %3, dq = %4, dk = %5, dv = %6</source>
        <translation>文件 %1：N = %2，M = %3，dq = %4，dk = %5，dv = %6</translation>
    </message>
    <message>
        <source>Open Q, K, V</source>
        <translation>打开 Q、K、V</translation>
    </message>
    <message>
        <source>Matrices (*.npy *.csv *.txt);;All files (*)</source>
        <translation>矩阵文件 (*.npy *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing to export yet: wait for a result.</source>
        <translation>还没有可导出的内容：请等计算结果出来。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::ExplanationView</name>
    <message>
        <source>This computation</source>
        <translation>本次计算</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>N = %1, M = %2, dk = %3, dv = %4, heads = %5</source>
        <translation>N = %1，M = %2，dk = %3，dv = %4，头数 = %5</translation>
    </message>
    <message>
        <source>Floating-point operations</source>
        <translation>浮点运算次数</translation>
    </message>
    <message>
        <source>Exponentials</source>
        <translation>指数运算次数</translation>
    </message>
    <message>
        <source>Memory traffic (bytes)</source>
        <translation>内存访问量（字节）</translation>
    </message>
    <message>
        <source>Peak extra memory (bytes)</source>
        <translation>额外峰值内存（字节）</translation>
    </message>
    <message>
        <source>Measured time</source>
        <translation>实测用时</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>No explanation page for this variant yet.</source>
        <translation>这个注意力变体还没有讲解页面。</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::HeatmapView</name>
    <message>
        <source>Query %1%2
Key %3%4
Weight %5</source>
        <translation>查询 %1%2
键 %3%4
注意力权重 %5</translation>
    </message>
    <message>
        <source>(not computed)</source>
        <translation>（未计算）</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>Nothing computed yet.</source>
        <translation>尚未计算。</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>全部注意力头</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>注意力头(&amp;H)：</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>N = %1, M = %2</source>
        <translation>N = %1，M = %2</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::OutputView</name>
    <message>
        <source>Query %1
Feature %2
Value %3</source>
        <translation>查询 %1
特征 %2
数值 %3</translation>
    </message>
    <message>
        <source>Nothing computed yet.</source>
        <translation>尚未计算。</translation>
    </message>
    <message>
        <source>Output feature</source>
        <translation>输出特征</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Output O of %1  ·  %2 x %3</source>
        <translation>%1 的输出 O  ·  %2 × %3</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::ParameterPanel</name>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Variant parameters</source>
        <translation>变体参数</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>来源(&amp;S)</translation>
    </message>
    <message>
        <source>Sen&amp;tence</source>
        <translation>句子(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Queries N</source>
        <translation>查询数 N(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Keys M</source>
        <translation>键数 M(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Width d (query/key)</source>
        <translation>查询/键宽度 d(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Value width dv</source>
        <translation>值宽度 dv(&amp;V)</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>随机种子(&amp;E)</translation>
    </message>
    <message>
        <source>= N</source>
        <translation>= N</translation>
    </message>
    <message>
        <source>= d</source>
        <translation>= d</translation>
    </message>
    <message>
        <source>Where Q, K and V come from. Load files with File &gt; Open Q, K, V.</source>
        <translation>Q、K、V 的来源。可以通过“文件 &gt; 打开 Q、K、V”载入文件。</translation>
    </message>
    <message>
        <source>drawn from the seed</source>
        <translation>由随机种子生成</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Positional</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>Clustered</source>
        <translation>聚类</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::VariantBrowser</name>
    <message>
        <source>Search variants (name or id)…</source>
        <translation>搜索注意力变体（名称或 id）…</translation>
    </message>
</context>
</TS>
