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
    <name>Components</name>
    <message>
        <source>local</source>
        <translation>局部</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>strided</source>
        <translation>跨步</translation>
    </message>
    <message>
        <source>full</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>block</source>
        <translation>块内</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>汇总</translation>
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
    <message>
        <source>&apos;%1&apos; works channel by channel and needs Q, K and V of the same width, but they have %2, %3 and %4 columns.</source>
        <translation>“%1”逐通道计算，要求 Q、K、V 宽度相同，但它们分别有 %2、%3 和 %4 列。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; with span %2 leaves query row %3 without any key (M = %4): use a larger span.</source>
        <translation>“%1”在跨度为 %2 时，第 %3 行查询没有任何可见的键（M = %4）：请增大跨度。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; uses F = E while share_ef is on: set share_ef to false to supply F.</source>
        <translation>“%1”在 share_ef 打开时使用 F = E：要给出 F，请把 share_ef 设为 false。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no head pattern named &apos;%2&apos;; the patterns are local, strided, global and full.</source>
        <translation>“%1”没有名为“%2”的头模式；可用的模式为 local、strided、global 和 full。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was given a W2 with %2 columns (one per key), but the input has M = %3 keys; they must agree.</source>
        <translation>给“%1”的 W2 有 %2 列（每个键一列），但输入有 M = %3 个键，两者必须一致。</translation>
    </message>
    <message>
        <source>Head %1 does not exist: the result has %2 head(s), numbered from 0.</source>
        <translation>注意力头 %1 不存在：结果共有 %2 个注意力头，编号从 0 开始。</translation>
    </message>
    <message>
        <source>The projected length k must be between 1 and the number of keys (%1), not %2.</source>
        <translation>投影长度 k 必须在 1 到键数（%1）之间，而不是 %2。</translation>
    </message>
    <message>
        <source>E and F must both be k x %1 (one column per key), not %2 and %3.</source>
        <translation>E 和 F 都必须是 k × %1（每个键一列），而不是 %2 和 %3。</translation>
    </message>
    <message>
        <source>Head %1 of the result does not match the given inputs (Q %2 x %3, K %4 x %5, V %6 x %7).</source>
        <translation>结果的注意力头 %1 与给定的输入不匹配（Q %2 × %3，K %4 × %5，V %6 × %7）。</translation>
    </message>
    <message>
        <source>Linformer needs queries as wide as the keys, but head %1 has %2 query and %3 key columns.</source>
        <translation>Linformer 要求查询与键等宽，但注意力头 %1 的查询有 %2 列、键有 %3 列。</translation>
    </message>
    <message>
        <source>The number of repeats must be at least 1, not %1.</source>
        <translation>重复次数至少为 1，而不是 %1。</translation>
    </message>
    <message>
        <source>The width d must be at least 1, not %1.</source>
        <translation>宽度 d 至少为 1，而不是 %1。</translation>
    </message>
    <message>
        <source>Every N must be at least 1, not %1.</source>
        <translation>每个 N 都至少为 1，而不是 %1。</translation>
    </message>
    <message>
        <source>%1 needs a comma-separated list of whole numbers from 1 to %2, not &apos;%3&apos;.</source>
        <translation>%1 需要用逗号分隔的 1 到 %2 之间的整数列表，而不是“%3”。</translation>
    </message>
    <message>
        <source>The low-rank analysis of a %1 x %2 weight matrix would take too long; it works up to %3 keys and %4 million weights.</source>
        <translation>对 %1 × %2 的权重矩阵做低秩分析耗时太长；最多支持 %3 个键、%4 百万个权重。</translation>
    </message>
    <message>
        <source>The key sentence has no tokens: type some words.</source>
        <translation>键句子里没有词元：请输入一些字词。</translation>
    </message>
    <message>
        <source>The key sentence sets M: it must equal its number of tokens (%1).</source>
        <translation>键句子决定了 M：M 必须等于它的词元数（%1）。</translation>
    </message>
    <message>
        <source>There are %1 query labels but Q has %2 rows: give one per query.</source>
        <translation>有 %1 个查询标签，但 Q 有 %2 行：每个查询需要一个标签。</translation>
    </message>
    <message>
        <source>There are %1 key labels but K has %2 rows: give one per key.</source>
        <translation>有 %1 个键标签，但 K 有 %2 行：每个键需要一个标签。</translation>
    </message>
    <message>
        <source>%1: a labels file must be UTF-8 text, one label a line.</source>
        <translation>%1：标签文件必须是 UTF-8 文本，每行一个标签。</translation>
    </message>
    <message>
        <source>%1: holds no labels.</source>
        <translation>%1：文件中没有标签。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: the text ends before the JSON document is complete.</source>
        <translation>%1，第 %2 行第 %3 列：JSON 文档尚未完整，文本就已结束。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: expected %4.</source>
        <translation>%1，第 %2 行第 %3 列：此处应为 %4。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: arrays and objects are nested deeper than %4 levels.</source>
        <translation>%1，第 %2 行第 %3 列：数组和对象的嵌套超过了 %4 层。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: the key &apos;%4&apos; appears twice in this object.</source>
        <translation>%1，第 %2 行第 %3 列：键“%4”在此对象中出现了两次。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: a control character (below U+0020) must be escaped in a string.</source>
        <translation>%1，第 %2 行第 %3 列：字符串中的控制字符（低于 U+0020）必须转义。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: the string is not valid UTF-8.</source>
        <translation>%1，第 %2 行第 %3 列：字符串不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: %4 is one half of a UTF-16 surrogate pair without the other half.</source>
        <translation>%1，第 %2 行第 %3 列：%4 只是 UTF-16 代理对的一半，缺少另一半。</translation>
    </message>
    <message>
        <source>%1, line %2, column %3: the number is out of the range of a double.</source>
        <translation>%1，第 %2 行第 %3 列：数值超出 double 的范围。</translation>
    </message>
    <message>
        <source>%1, scene %2: %3</source>
        <translation>%1，第 %2 个场景：%3</translation>
    </message>
    <message>
        <source>%1: not a lesson (it needs &quot;format&quot;: &quot;attention-atlas-lesson&quot;).</source>
        <translation>%1：不是课程文件（需要 &quot;format&quot;: &quot;attention-atlas-lesson&quot;）。</translation>
    </message>
    <message>
        <source>%1: lesson version %2 cannot be read: this build reads version %3.</source>
        <translation>%1：无法读取版本 %2 的课程，本程序读取的是版本 %3。</translation>
    </message>
    <message>
        <source>%1, the lesson itself: %2</source>
        <translation>%1，课程本身：%2</translation>
    </message>
    <message>
        <source>%1: cannot create the output directory (%2).</source>
        <translation>%1：无法创建输出目录（%2）。</translation>
    </message>
    <message>
        <source>There is no lesson &apos;%1&apos;: neither a built-in one (%2) nor a file.</source>
        <translation>没有名为“%1”的课程：既不是内置课程（%2），也不是文件。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs an even number of buckets (it hashes with b/2 random directions), not %2.</source>
        <translation>“%1”要求桶数为偶数（哈希使用 b/2 个随机方向），而不是 %2。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is more memory than any computer has: write for example 512M or 2G.</source>
        <translation>“%1”超过了任何计算机的内存：请写成 512M 或 2G 这样的形式。</translation>
    </message>
    <message>
        <source>%1 is a directory: give a file.</source>
        <translation>%1 是一个目录：请给出一个文件。</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a pipe or a device): give a file.</source>
        <translation>%1 不是普通文件（而是管道或设备）：请给出一个文件。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a device address: give HOST:PORT, e.g. localhost:50051.</source>
        <translation>“%1”不是设备地址：请写成 主机:端口，例如 localhost:50051。</translation>
    </message>
    <message>
        <source>The token file %1 is empty.</source>
        <translation>令牌文件 %1 是空的。</translation>
    </message>
    <message>
        <source>Could not reach the device at %1 (%2).</source>
        <translation>无法连接 %1 上的设备（%2）。</translation>
    </message>
    <message>
        <source>The device at %1 did not answer within %2 s.</source>
        <translation>%1 上的设备在 %2 秒内没有应答。</translation>
    </message>
    <message>
        <source>The device at %1 refused the token: %2</source>
        <translation>%1 上的设备拒绝了令牌：%2</translation>
    </message>
    <message>
        <source>The device at %1 refused the request: %2</source>
        <translation>%1 上的设备拒绝了请求：%2</translation>
    </message>
    <message>
        <source>The device at %1 stopped the request (%2).</source>
        <translation>%1 上的设备中止了请求（%2）。</translation>
    </message>
    <message>
        <source>The device at %1 failed: %2</source>
        <translation>%1 上的设备出错：%2</translation>
    </message>
    <message>
        <source>The request takes %1, more than the device at %2 accepts (%3).</source>
        <translation>请求大小为 %1，超过了 %2 上的设备所接受的上限（%3）。</translation>
    </message>
    <message>
        <source>The device at %1 ended the result stream early.</source>
        <translation>%1 上的设备过早结束了结果流。</translation>
    </message>
    <message>
        <source>The device at %1 ended the benchmark early.</source>
        <translation>%1 上的设备过早结束了基准测试。</translation>
    </message>
    <message>
        <source>The device sent a malformed result: %1.</source>
        <translation>设备发来的结果格式有误：%1。</translation>
    </message>
    <message>
        <source>The job failed.</source>
        <translation>该任务失败。</translation>
    </message>
    <message>
        <source>The tensor &apos;%1&apos; has a negative size (%2).</source>
        <translation>张量“%1”的大小为负（%2）。</translation>
    </message>
    <message>
        <source>The tensor &apos;%1&apos; is too large to address.</source>
        <translation>张量“%1”太大，无法寻址。</translation>
    </message>
    <message>
        <source>The tensor &apos;%1&apos; must hold float32 values.</source>
        <translation>张量“%1”必须是 float32 数值。</translation>
    </message>
    <message>
        <source>The tensor &apos;%1&apos; must have one or two dimensions, not %2.</source>
        <translation>张量“%1”必须是一维或二维，而不是 %2 维。</translation>
    </message>
    <message>
        <source>The tensor &apos;%1&apos; holds %2 bytes, but its shape needs %3.</source>
        <translation>张量“%1”有 %2 字节，但其形状需要 %3 字节。</translation>
    </message>
    <message>
        <source>The request asks for no variant.</source>
        <translation>请求中没有任何变体。</translation>
    </message>
    <message>
        <source>The request gives neither an input generator nor Q, K and V.</source>
        <translation>请求既没有给出输入生成方式，也没有给出 Q、K、V。</translation>
    </message>
    <message>
        <source>N = %1 is more than this server takes (--max-n %2).</source>
        <translation>N = %1 超过了该服务器接受的上限（--max-n %2）。</translation>
    </message>
    <message>
        <source>The request asks for a negative size.</source>
        <translation>请求中的尺寸为负。</translation>
    </message>
    <message>
        <source>The request&apos;s limits must not be negative.</source>
        <translation>请求中的限额不能为负。</translation>
    </message>
    <message>
        <source>The server has no device.</source>
        <translation>服务器没有任何设备。</translation>
    </message>
    <message>
        <source>TLS needs both a certificate (--tls-cert) and its key (--tls-key).</source>
        <translation>TLS 需要同时给出证书（--tls-cert）和它的私钥（--tls-key）。</translation>
    </message>
    <message>
        <source>Could not listen on %1 (a bad address, or the port is taken).</source>
        <translation>无法在 %1 上监听（地址有误，或端口已被占用）。</translation>
    </message>
    <message>
        <source>Without a token (--token-file) the server listens on a loopback address only, not on %1.</source>
        <translation>没有令牌（--token-file）时，服务器只在回环地址上监听，不能监听 %1。</translation>
    </message>
    <message>
        <source>The CA certificate %1 cannot be read.</source>
        <translation>无法读取 CA 证书 %1。</translation>
    </message>
    <message>
        <source>The CA certificate %1 is empty.</source>
        <translation>CA 证书 %1 为空。</translation>
    </message>
    <message>
        <source>This build has no remote device: it was built without gRPC.</source>
        <translation>此版本不支持远程设备：构建时未包含 gRPC。</translation>
    </message>
    <message>
        <source>The Ascend call %1 failed with status %2: %3</source>
        <translation>昇腾调用 %1 失败，状态码 %2：%3</translation>
    </message>
    <message>
        <source>%1: writing failed (%2).</source>
        <translation>%1：写入失败（%2）。</translation>
    </message>
    <message>
        <source>%1 exists and is not a directory.</source>
        <translation>%1 已存在，但不是目录。</translation>
    </message>
    <message>
        <source>%1 holds %2, which a result does not: give a new directory, an empty one or an earlier result&apos;s.</source>
        <translation>%1 中有 %2，这不是计算结果的文件：请给出新目录、空目录或以前的结果目录。</translation>
    </message>
    <message>
        <source>%1: the file is not text in UTF-8 (it looks like UTF-16 or binary): save it as CSV in UTF-8.</source>
        <translation>%1：该文件不是 UTF-8 文本（看起来是 UTF-16 或二进制文件）：请另存为 UTF-8 编码的 CSV。</translation>
    </message>
    <message>
        <source>%1: the dtype %2 is not supported: save Q, K and V as little-endian float32 or float64 (&apos;&lt;f4&apos; or &apos;&lt;f8&apos;).</source>
        <translation>%1：不支持数据类型 %2：请把 Q、K、V 存为小端序的 float32 或 float64（&apos;&lt;f4&apos; 或 &apos;&lt;f8&apos;）。</translation>
    </message>
    <message>
        <source>Q and K are too large for float32 scores: a row of Q has norm %1 and a row of K %2, so a score may reach %3; scale them down.</source>
        <translation>Q 和 K 太大，得分超出 float32 的范围：Q 的某行范数为 %1，K 的某行范数为 %2，得分可能达到 %3；请把它们缩小。</translation>
    </message>
    <message>
        <source>V is too large for float32 outputs (a row has norm %1); scale it down.</source>
        <translation>V 太大，输出超出 float32 的范围（某行范数为 %1）；请把它缩小。</translation>
    </message>
    <message>
        <source>%1 inputs of width %2 need about %3 operations to make (a width x width orthogonal mix), minutes of work: give a width of at most %4, or random inputs.</source>
        <translation>宽度为 %2 的 %1 输入需要约 %3 次运算才能生成（宽度 x 宽度的正交混合），要算好几分钟：请把宽度设为不超过 %4，或使用随机输入。</translation>
    </message>
    <message>
        <source>%1: there is not enough memory to read its %2.</source>
        <translation>%1：内存不足，无法读取它的 %2。</translation>
    </message>
    <message>
        <source>%1: reading it needs %2 of memory, more than the limit of %3.</source>
        <translation>%1：读取它需要 %2 内存，超过了 %3 的上限。</translation>
    </message>
    <message>
        <source>%1: there is not enough memory to read %2.</source>
        <translation>%1：内存不足，无法读取 %2。</translation>
    </message>
    <message>
        <source>%1: its header of %2 bytes is longer than any .npy header numpy writes.</source>
        <translation>%1：它的文件头长 %2 字节，比 numpy 写出的任何 .npy 文件头都长。</translation>
    </message>
</context>
<context>
    <name>CostTerms</name>
    <message>
        <source>input</source>
        <translation>读取输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>写出输出</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>projections</source>
        <translation>投影</translation>
    </message>
    <message>
        <source>divide</source>
        <translation>除法</translation>
    </message>
    <message>
        <source>normaliser</source>
        <translation>归一化项</translation>
    </message>
    <message>
        <source>online rescale</source>
        <translation>在线重新缩放</translation>
    </message>
    <message>
        <source>fill pages</source>
        <translation>填充页</translation>
    </message>
    <message>
        <source>window max</source>
        <translation>窗口最大值</translation>
    </message>
    <message>
        <source>key norms</source>
        <translation>键的范数</translation>
    </message>
    <message>
        <source>hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>k-means</source>
        <translation>k 均值</translation>
    </message>
    <message>
        <source>Sinkhorn routing</source>
        <translation>Sinkhorn 路由</translation>
    </message>
    <message>
        <source>block means</source>
        <translation>块均值</translation>
    </message>
    <message>
        <source>pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>prefix scan</source>
        <translation>前缀累加</translation>
    </message>
</context>
<context>
    <name>DeviceText</name>
    <message>
        <source>native</source>
        <translation>原生</translation>
    </message>
    <message>
        <source>composed</source>
        <translation>组合</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Server: %1 %2</source>
        <translation>服务器：%1 %2</translation>
    </message>
    <message>
        <source>Backend: %1</source>
        <translation>后端：%1</translation>
    </message>
    <message>
        <source>%1 (%2 of memory)</source>
        <translation>%1（内存 %2）</translation>
    </message>
    <message>
        <source>Units: %1</source>
        <translation>计算单元：%1</translation>
    </message>
    <message>
        <source>none reported</source>
        <translation>未报告</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>Largest N: %1; requests at once: %2</source>
        <translation>最大 N：%1；同时处理的请求数：%2</translation>
    </message>
    <message>
        <source>Variants: %1 native, %2 composed, %3 on the host</source>
        <translation>变体：%1 个原生，%2 个组合，%3 个在主机上</translation>
    </message>
    <message>
        <source>Round trip: %1 ms</source>
        <translation>往返：%1 毫秒</translation>
    </message>
    <message>
        <source>Computed on this computer</source>
        <translation>在本机上计算</translation>
    </message>
    <message>
        <source>Computed on %1 (%2) in %3 ms, transfer %4 ms</source>
        <translation>在 %1 上计算（%2），用时 %3 毫秒，传输 %4 毫秒</translation>
    </message>
    <message>
        <source>The engine of this computer, on its CPU cores</source>
        <translation>本机的计算引擎，运行于 CPU 核心</translation>
    </message>
    <message>
        <source>Unit: %1
On the device: %2 ms
On its host around it: %3 ms
Transfer (network and encoding): %4 ms</source>
        <translation>计算单元：%1
设备上：%2 毫秒
设备主机上的前后处理：%3 毫秒
传输（网络与编解码）：%4 毫秒</translation>
    </message>
    <message>
        <source>%1 on this computer and on %2</source>
        <translation>%1：本机与 %2</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>the two results differ in shape: no cell to compare</source>
        <translation>两个结果形状不同：无法逐格比较</translation>
    </message>
    <message>
        <source>Largest difference of the weights</source>
        <translation>权重的最大差异</translation>
    </message>
    <message>
        <source>no weights</source>
        <translation>无权重</translation>
    </message>
    <message>
        <source>Largest difference of the output</source>
        <translation>输出的最大差异</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 ms on the device (%2), transfer %3 ms, %4 ms in all</source>
        <translation>设备上 %1 毫秒（%2），传输 %3 毫秒，共 %4 毫秒</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
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
    <message>
        <source>Single column (3.5 × 2.6 in)</source>
        <translation>单栏（3.5 × 2.6 英寸）</translation>
    </message>
    <message>
        <source>Double column (7.2 × 4 in)</source>
        <translation>双栏（7.2 × 4 英寸）</translation>
    </message>
    <message>
        <source>Slide 16:9 (13.3 × 7.5 in)</source>
        <translation>幻灯片 16:9（13.3 × 7.5 英寸）</translation>
    </message>
    <message>
        <source>the disk is full, or the file is larger than allowed</source>
        <translation>磁盘已满，或文件超过了允许的大小</translation>
    </message>
</context>
<context>
    <name>InputFiles</name>
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
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Q, K, V set in the lesson: %1 x %2</source>
        <translation>课程中设定的 Q、K、V：%1 × %2</translation>
    </message>
</context>
<context>
    <name>LraTable</name>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1，第 %2 行：%3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; in column %2 is not a number.</source>
        <translation>第 %2 列中的“%1”不是数字。</translation>
    </message>
    <message>
        <source>%1 in column %2 is out of range.</source>
        <translation>第 %2 列中的 %1 超出范围。</translation>
    </message>
    <message>
        <source>the header has no column %1.</source>
        <translation>表头没有 %1 列。</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2.</source>
        <translation>有 %1 个字段，而表头有 %2 个。</translation>
    </message>
    <message>
        <source>the model has no name.</source>
        <translation>该模型没有名称。</translation>
    </message>
    <message>
        <source>%1 appears a second time.</source>
        <translation>%1 出现了第二次。</translation>
    </message>
    <message>
        <source>speed_4k and memory_gb_4k are given together or not at all.</source>
        <translation>speed_4k 与 memory_gb_4k 须同时给出，或者都不给出。</translation>
    </message>
    <message>
        <source>%1: no header line naming the columns %2.</source>
        <translation>%1：没有列出 %2 这些列的表头行。</translation>
    </message>
    <message>
        <source>%1: no models.</source>
        <translation>%1：没有模型。</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
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
    <message>
        <source>Random features W</source>
        <translation>随机特征矩阵 W</translation>
    </message>
    <message>
        <source>Gaussian rows of the random feature map, drawn from the seed.</source>
        <translation>随机特征映射的高斯行向量，由随机种子生成。</translation>
    </message>
    <message>
        <source>Block size</source>
        <translation>块大小</translation>
    </message>
    <message>
        <source>Number of tokens per block.</source>
        <translation>每个块中的词元数。</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Each query sees the keys at most this far away (|i − j| ≤ w).</source>
        <translation>每个查询只看距离不超过 w 的键（|i − j| ≤ w）。</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Each query sees the keys whose distance is a multiple of the stride.</source>
        <translation>每个查询只看距离为步长整数倍的键。</translation>
    </message>
    <message>
        <source>Global tokens</source>
        <translation>全局词元数</translation>
    </message>
    <message>
        <source>The first g tokens see every token and are seen by every token.</source>
        <translation>前 g 个词元能看到所有词元，也被所有词元看到。</translation>
    </message>
    <message>
        <source>Random keys per row</source>
        <translation>每行随机键数</translation>
    </message>
    <message>
        <source>Keys each query sees at random positions, drawn from the seed.</source>
        <translation>每个查询额外看到的随机位置的键，由随机种子抽取。</translation>
    </message>
    <message>
        <source>Head patterns</source>
        <translation>各头的模式</translation>
    </message>
    <message>
        <source>Comma-separated patterns given to the heads in turn: local, strided, global, full.</source>
        <translation>用逗号分隔、依次分给各注意力头的模式：local、strided、global、full。</translation>
    </message>
    <message>
        <source>Summary tokens</source>
        <translation>汇总词元数</translation>
    </message>
    <message>
        <source>Segment length w₀</source>
        <translation>段长 w₀</translation>
    </message>
    <message>
        <source>Segment length of the first configuration; it doubles in each further one.</source>
        <translation>第一种配置的段长，之后每种配置加倍。</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>配置数</translation>
    </message>
    <message>
        <source>Number of (segment, dilation) configurations mixed together.</source>
        <translation>混合在一起的（段长，扩张率）配置个数。</translation>
    </message>
    <message>
        <source>Hash buckets</source>
        <translation>哈希桶数</translation>
    </message>
    <message>
        <source>Number of buckets of the locality-sensitive hash (even).</source>
        <translation>局部敏感哈希的桶数（偶数）。</translation>
    </message>
    <message>
        <source>Random scores R</source>
        <translation>随机分数矩阵 R</translation>
    </message>
    <message>
        <source>The N × M score matrix itself, drawn from the seed.</source>
        <translation>N × M 的注意力分数矩阵本身，由随机种子生成。</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>聚类数</translation>
    </message>
    <message>
        <source>Number of k-means centroids.</source>
        <translation>k 均值的聚类中心个数。</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Number of Lloyd steps of k-means.</source>
        <translation>k 均值的 Lloyd 迭代步数。</translation>
    </message>
    <message>
        <source>Sinkhorn rounds</source>
        <translation>Sinkhorn 轮数</translation>
    </message>
    <message>
        <source>Rounds of row and column normalisation.</source>
        <translation>行、列交替归一化的轮数。</translation>
    </message>
    <message>
        <source>Temperature τ</source>
        <translation>温度 τ</translation>
    </message>
    <message>
        <source>Divides the block scores before the Sinkhorn normalisation; smaller is sharper.</source>
        <translation>在 Sinkhorn 归一化之前，块分数先除以这个温度；温度越低，路由越尖锐。</translation>
    </message>
    <message>
        <source>Projected length k</source>
        <translation>投影长度 k</translation>
    </message>
    <message>
        <source>Number of rows of the projections E and F: keys and values are reduced to k.</source>
        <translation>投影矩阵 E、F 的行数：键和值被压缩到 k 个。</translation>
    </message>
    <message>
        <source>Share E and F</source>
        <translation>E 与 F 共享</translation>
    </message>
    <message>
        <source>Use the same projection for keys and values (F = E).</source>
        <translation>键和值使用同一个投影（F = E）。</translation>
    </message>
    <message>
        <source>Key projection E</source>
        <translation>键投影 E</translation>
    </message>
    <message>
        <source>k × M projection of the keys, drawn from the seed.</source>
        <translation>键的 k × M 投影矩阵，由随机种子生成。</translation>
    </message>
    <message>
        <source>Value projection F</source>
        <translation>值投影 F</translation>
    </message>
    <message>
        <source>k × M projection of the values, drawn from the seed.</source>
        <translation>值的 k × M 投影矩阵，由随机种子生成。</translation>
    </message>
    <message>
        <source>Pooling window</source>
        <translation>池化窗口</translation>
    </message>
    <message>
        <source>Keys and values are averaged over windows of this many rows.</source>
        <translation>池化窗口的行数：键和值在每个窗口内取平均。</translation>
    </message>
    <message>
        <source>Random features m</source>
        <translation>随机特征数 m</translation>
    </message>
    <message>
        <source>Number of random features of the kernel approximation.</source>
        <translation>核近似所用的随机特征个数。</translation>
    </message>
    <message>
        <source>First layer W1</source>
        <translation>第一层 W1</translation>
    </message>
    <message>
        <source>dk × dk weights of the synthesizing network, drawn from the seed.</source>
        <translation>合成网络的 dk × dk 权重，由随机种子生成。</translation>
    </message>
    <message>
        <source>Second layer W2</source>
        <translation>第二层 W2</translation>
    </message>
    <message>
        <source>dk × M weights of the synthesizing network, drawn from the seed.</source>
        <translation>合成网络的 dk × M 权重，由随机种子生成。</translation>
    </message>
    <message>
        <source>Span s</source>
        <translation>跨度 s</translation>
    </message>
    <message>
        <source>Keys farther than s are ignored; 0 means all keys (AFT-simple).</source>
        <translation>忽略距离超过 s 的键；0 表示使用全部键（AFT-simple）。</translation>
    </message>
    <message>
        <source>Query tile Br</source>
        <translation>查询块大小 Br</translation>
    </message>
    <message>
        <source>Rows of Q processed together.</source>
        <translation>一次一起处理的 Q 的行数。</translation>
    </message>
    <message>
        <source>Key tile Bc</source>
        <translation>键块大小 Bc</translation>
    </message>
    <message>
        <source>Rows of K and V processed together.</source>
        <translation>一次一起处理的 K、V 的行数。</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>页大小</translation>
    </message>
    <message>
        <source>Rows of K and V stored in one page of the KV cache.</source>
        <translation>KV 缓存中每页存放的 K、V 行数。</translation>
    </message>
    <message>
        <source>The last c tokens of every block, seen by every query (with the causal mask, by the later ones).</source>
        <translation>每个块的最后 c 个词元，所有查询都能看到（使用因果掩码时只被其后的查询看到）。</translation>
    </message>
    <message>
        <source>dq × hidden matrix applied to the queries, drawn from the seed: N(0, 1/dq).</source>
        <translation>作用于查询的 dq × hidden 矩阵，由随机种子生成：N(0, 1/dq)。</translation>
    </message>
    <message>
        <source>dk × hidden matrix applied to the keys, drawn from the seed: N(0, 1/dk).</source>
        <translation>作用于键的 dk × hidden 矩阵，由随机种子生成：N(0, 1/dk)。</translation>
    </message>
    <message>
        <source>Weights of the hidden units (a vector of length hidden), drawn from the seed: N(0, 1).</source>
        <translation>隐藏单元的权重（长度为 hidden 的向量），由随机种子生成：N(0, 1)。</translation>
    </message>
    <message>
        <source>dq × dk matrix of the bilinear form, drawn from the seed: N(0, 1/dq).</source>
        <translation>双线性形式的 dq × dk 矩阵，由随机种子生成：N(0, 1/dq)。</translation>
    </message>
    <message>
        <source>Valid keys</source>
        <translation>有效键数</translation>
    </message>
    <message>
        <source>Keys from this position on are padding and get weight 0 for every query (a padding mask); 0: every key is valid.</source>
        <translation>从这个位置起的键是填充，对所有查询的权重都为 0（填充掩码）；0 表示所有键都有效。</translation>
    </message>
    <message>
        <source>Divide by √d</source>
        <translation>除以 √d</translation>
    </message>
    <message>
        <source>Scale the scores by 1/√dk; off, the plain dot products (their spread grows with d and the softmax saturates).</source>
        <translation>把注意力分数乘以 1/√dk；关闭时直接用点积（其离散程度随 d 增大，softmax 会饱和）。</translation>
    </message>
    <message>
        <source>Hash projection R</source>
        <translation>哈希的随机投影 R</translation>
    </message>
    <message>
        <source>dk × b/2 Gaussian random projection of the hash, drawn from the seed: N(0, 1).</source>
        <translation>哈希所用的 dk × b/2 高斯随机投影矩阵，由随机种子生成：N(0, 1)。</translation>
    </message>
    <message>
        <source>Route to another block</source>
        <translation>路由到别的块</translation>
    </message>
    <message>
        <source>Each query block is routed to the best key block other than its own, which it sees anyway; off: the best of all, possibly its own.</source>
        <translation>每个查询块被路由到除自己之外得分最高的键块（自己的块本来就会看）；关闭时在所有键块中取最高者，可能就是自己。</translation>
    </message>
</context>
<context>
    <name>Streaming</name>
    <message>
        <source>%1 x %2 is larger than the display budget: showing each cell as the maximum over a block of %3 x %4 weights (streamed).</source>
        <translation>%1 × %2 超出了显示内存预算：每个单元格显示一块 %3 × %4 个注意力权重中的最大值（流式计算）。</translation>
    </message>
    <message>
        <source>%1 x %2 is larger than the display budget: showing each cell as the maximum over a block of up to %3 x %4 weights (streamed).</source>
        <translation>%1 × %2 超出了显示内存预算：每个单元格显示一块至多 %3 × %4 个注意力权重中的最大值（流式计算）。</translation>
    </message>
    <message>
        <source>%1 x %2 is larger than the display budget: showing each cell as the mean over a block of %3 x %4 weights (streamed).</source>
        <translation>%1 × %2 超出了显示内存预算：每个单元格显示一块 %3 × %4 个注意力权重的平均值（流式计算）。</translation>
    </message>
    <message>
        <source>%1 x %2 is larger than the display budget: showing each cell as the mean over a block of up to %3 x %4 weights (streamed).</source>
        <translation>%1 × %2 超出了显示内存预算：每个单元格显示一块至多 %3 × %4 个注意力权重的平均值（流式计算）。</translation>
    </message>
    <message>
        <source>This view needs every weight, but the %1 x %2 matrix is larger than the display budget: see the heatmap for its streamed blocks.</source>
        <translation>这个视图需要全部注意力权重，但 %1 × %2 的矩阵超出了显示内存预算：请在热力图中查看流式计算得到的分块结果。</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
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
        <source>Not from query–key dot products</source>
        <translation>不依赖查询–键点积</translation>
    </message>
    <message>
        <source>Same result, another schedule</source>
        <translation>结果相同，计算顺序不同</translation>
    </message>
    <message>
        <source>Block-local attention</source>
        <translation>块局部注意力</translation>
    </message>
    <message>
        <source>Sliding-window attention</source>
        <translation>滑动窗口注意力</translation>
    </message>
    <message>
        <source>Strided attention</source>
        <translation>跨步注意力</translation>
    </message>
    <message>
        <source>Global-token attention</source>
        <translation>全局词元注意力</translation>
    </message>
    <message>
        <source>BigBird</source>
        <translation>BigBird 稀疏注意力</translation>
    </message>
    <message>
        <source>Mixed-pattern heads</source>
        <translation>混合模式多头注意力</translation>
    </message>
    <message>
        <source>Sparse Transformer (fixed)</source>
        <translation>Sparse Transformer（固定模式）</translation>
    </message>
    <message>
        <source>LongNet dilated attention</source>
        <translation>LongNet 扩张注意力</translation>
    </message>
    <message>
        <source>LSH attention (Reformer)</source>
        <translation>局部敏感哈希注意力（Reformer）</translation>
    </message>
    <message>
        <source>k-means routing attention</source>
        <translation>k 均值路由注意力</translation>
    </message>
    <message>
        <source>Sparse Sinkhorn attention</source>
        <translation>稀疏 Sinkhorn 注意力</translation>
    </message>
    <message>
        <source>Linformer</source>
        <translation>Linformer 低秩注意力</translation>
    </message>
    <message>
        <source>Memory-compressed attention</source>
        <translation>内存压缩注意力</translation>
    </message>
    <message>
        <source>Linear attention</source>
        <translation>线性注意力</translation>
    </message>
    <message>
        <source>Performer (FAVOR+)</source>
        <translation>Performer 随机特征注意力（FAVOR+）</translation>
    </message>
    <message>
        <source>Dense Synthesizer</source>
        <translation>稠密 Synthesizer</translation>
    </message>
    <message>
        <source>Random Synthesizer</source>
        <translation>随机 Synthesizer</translation>
    </message>
    <message>
        <source>Attention Free Transformer (AFT)</source>
        <translation>无注意力 Transformer（AFT）</translation>
    </message>
    <message>
        <source>FlashAttention (tiled)</source>
        <translation>FlashAttention（分块计算）</translation>
    </message>
    <message>
        <source>Paged attention (KV cache)</source>
        <translation>分页注意力（KV 缓存）</translation>
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
    <message>
        <source>Sparsity</source>
        <translation>稀疏模式</translation>
    </message>
    <message>
        <source>Teaching</source>
        <translation>教学</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Low rank</source>
        <translation>低秩</translation>
    </message>
    <message>
        <source>Complexity</source>
        <translation>复杂度</translation>
    </message>
    <message>
        <source>Walkthrough</source>
        <translation>分步演示</translation>
    </message>
</context>
<context>
    <name>WalkTables</name>
    <message>
        <source>read by this step</source>
        <translation>本步读取</translation>
    </message>
    <message>
        <source>written by this step</source>
        <translation>本步写入</translation>
    </message>
    <message>
        <source>the worked example</source>
        <translation>算例</translation>
    </message>
    <message>
        <source>skipped: never computed</source>
        <translation>跳过：从未计算</translation>
    </message>
    <message>
        <source>%1: skipped, never computed</source>
        <translation>%1：跳过，从未计算</translation>
    </message>
</context>
<context>
    <name>Walkthrough</name>
    <message>
        <source>The walkthrough follows attention whose weights are a softmax of query–key scores over pairs; this variant forms its weights another way. Its Explanation and the Teaching view show how.</source>
        <translation>分步演示讲解的是权重由查询–键分数经 softmax 得到的注意力；这个变体用别的方式得到权重。它的讲解页和教学视图说明了做法。</translation>
    </message>
    <message>
        <source>This result does not hold the matrices its scores were made with, so the walkthrough cannot recompute them.</source>
        <translation>这个结果没有保存计算分数所用的矩阵，分步演示无法重新计算。</translation>
    </message>
    <message>
        <source>FlashAttention computes exactly these numbers, tile by tile with a running maximum and sum; the Teaching view shows its schedule.</source>
        <translation>FlashAttention 算出的正是这些数，只是逐块计算，并维护当前最大值与当前累加和；教学视图展示它的计算顺序。</translation>
    </message>
    <message>
        <source>Paged attention decodes one token: only the last query attends, reading the keys and values through the block table. The numbers are those of scaled dot-product attention.</source>
        <translation>分页注意力每次解码一个词元：只有最后一个查询参与注意力，通过块表读取键和值。数值与缩放点积注意力相同。</translation>
    </message>
    <message>
        <source>Grouped-query attention: %1 query heads share %2 groups of keys and values, %3 heads to a group.</source>
        <translation>分组查询注意力：%1 个查询头共享 %2 组键和值，每组 %3 个头。</translation>
    </message>
    <message>
        <source>The pattern comes from the data (buckets, clusters or routing) and is taken here as the result computed it; the scores are scaled dot products on its pairs.</source>
        <translation>稀疏模式由数据决定（桶、聚类或路由），这里沿用结果计算时的模式；分数是这些位置对上的缩放点积。</translation>
    </message>
    <message>
        <source>Scaling is off: the raw dot products go straight into the softmax.</source>
        <translation>未做缩放：原始点积直接进入 softmax。</translation>
    </message>
    <message>
        <source>Tokens, queries, keys and values</source>
        <translation>词元、查询、键和值</translation>
    </message>
    <message>
        <source>One row per token: Q is %1 × %2, K is %3 × %4 and V is %5 × %6.</source>
        <translation>每个词元一行：Q 为 %1 × %2，K 为 %3 × %4，V 为 %5 × %6。</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>values</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Split into heads</source>
        <translation>拆分为多个头</translation>
    </message>
    <message>
        <source>Head %1 takes columns %2–%3 of Q; its group %4 takes columns %5–%6 of K and %7–%8 of V.</source>
        <translation>头 %1 取 Q 的第 %2–%3 列；它所在的第 %4 组取 K 的第 %5–%6 列和 V 的第 %7–%8 列。</translation>
    </message>
    <message>
        <source>Head %1 takes columns %2–%3 of Q and K and %4–%5 of V.</source>
        <translation>头 %1 取 Q 和 K 的第 %2–%3 列，以及 V 的第 %4–%5 列。</translation>
    </message>
    <message>
        <source>Concatenate the heads</source>
        <translation>拼接各个头</translation>
    </message>
    <message>
        <source>O = [O₁ O₂ … Oₕ]: the %1 heads&apos; outputs side by side, %2 columns.</source>
        <translation>O = [O₁ O₂ … Oₕ]：%1 个头的输出并排拼接，共 %2 列。</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>The walkthrough writes out every number, so it takes at most %1 queries and %1 keys; this result has N = %2 and M = %3. Choose a smaller N, or see the Teaching view.</source>
        <translation>分步演示要写出每一个数，所以最多只接受 %1 个查询和 %1 个键；这个结果的 N = %2，M = %3。请选择更小的 N，或查看教学视图。</translation>
    </message>
    <message>
        <source>The walkthrough&apos;s recomputation differs from this result (by %1), so it is not shown.</source>
        <translation>分步演示的重新计算与这个结果不一致（相差 %1），因此不予显示。</translation>
    </message>
    <message>
        <source>The pattern</source>
        <translation>稀疏模式</translation>
    </message>
    <message>
        <source>Only the pattern&apos;s pairs (i, j) are computed: %1 of %2. The others are skipped: no score, weight 0.</source>
        <translation>只计算模式中的位置对 (i, j)：共 %2 对中的 %1 对。其余的跳过：没有分数，权重为 0。</translation>
    </message>
    <message>
        <source>pairs computed</source>
        <translation>计算的位置对</translation>
    </message>
    <message>
        <source>Queries times W</source>
        <translation>查询乘以 W</translation>
    </message>
    <message>
        <source>(QW)ᵢ = qᵢᵀ W: each query times the bilinear matrix</source>
        <translation>(QW)ᵢ = qᵢᵀ W：每个查询乘以双线性矩阵</translation>
    </message>
    <message>
        <source>bilinear matrix</source>
        <translation>双线性矩阵</translation>
    </message>
    <message>
        <source>projected queries</source>
        <translation>投影后的查询</translation>
    </message>
    <message>
        <source>Project queries and keys</source>
        <translation>投影查询和键</translation>
    </message>
    <message>
        <source>aᵢ = W_qᵀ qᵢ and bⱼ = W_kᵀ kⱼ, each of the %1 hidden units</source>
        <translation>aᵢ = W_qᵀ qᵢ，bⱼ = W_kᵀ kⱼ，各有 %1 个隐藏单元</translation>
    </message>
    <message>
        <source>query projection</source>
        <translation>查询投影</translation>
    </message>
    <message>
        <source>key projection</source>
        <translation>键投影</translation>
    </message>
    <message>
        <source>projected keys</source>
        <translation>投影后的键</translation>
    </message>
    <message>
        <source>sᵢⱼ = qᵢ · kⱼ, on the pattern&apos;s pairs only</source>
        <translation>sᵢⱼ = qᵢ · kⱼ，只在模式中的位置对上计算</translation>
    </message>
    <message>
        <source>sᵢⱼ = qᵢ · kⱼ: the dot product of query i and key j, for every pair</source>
        <translation>sᵢⱼ = qᵢ · kⱼ：查询 i 与键 j 的点积，每一对都算</translation>
    </message>
    <message>
        <source>sᵢⱼ = qᵢ · kⱼ − nⱼ with nⱼ = ½‖kⱼ‖²: the softmax of −½‖qᵢ − kⱼ‖², whose −½‖qᵢ‖² is the same along a row</source>
        <translation>sᵢⱼ = qᵢ · kⱼ − nⱼ，其中 nⱼ = ½‖kⱼ‖²：即 −½‖qᵢ − kⱼ‖² 的 softmax，其中 −½‖qᵢ‖² 在同一行内不变</translation>
    </message>
    <message>
        <source>sᵢⱼ = (qᵢᵀ W) · kⱼ = qᵢᵀ W kⱼ: each projected query against each key</source>
        <translation>sᵢⱼ = (qᵢᵀ W) · kⱼ = qᵢᵀ W kⱼ：每个投影后的查询与每个键相乘</translation>
    </message>
    <message>
        <source>sᵢⱼ = w_v · tanh(aᵢ + bⱼ) = Σᵤ w_vᵤ tanh(aᵢᵤ + bⱼᵤ): a small network scores each pair</source>
        <translation>sᵢⱼ = w_v · tanh(aᵢ + bⱼ) = Σᵤ w_vᵤ tanh(aᵢᵤ + bⱼᵤ)：由一个小网络为每个位置对打分</translation>
    </message>
    <message>
        <source>Raw scores</source>
        <translation>原始分数</translation>
    </message>
    <message>
        <source>raw scores</source>
        <translation>原始分数</translation>
    </message>
    <message>
        <source>scoring vector</source>
        <translation>评分向量</translation>
    </message>
    <message>
        <source>half squared key norms</source>
        <translation>键范数平方的一半</translation>
    </message>
    <message>
        <source>scaled scores</source>
        <translation>缩放后的分数</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>s′ᵢⱼ = sᵢⱼ / √%1 = sᵢⱼ × %2: the spread of a dot product grows with its width d = %1</source>
        <translation>s′ᵢⱼ = sᵢⱼ / √%1 = sᵢⱼ × %2：点积的离散程度随宽度 d = %1 增大</translation>
    </message>
    <message>
        <source>Causal mask: query i sees only the keys j ≤ i. %1ᵢⱼ = −∞ for j &gt; i: weight 0, skipped.</source>
        <translation>因果掩码：查询 i 只看到 j ≤ i 的键。j &gt; i 时 %1ᵢⱼ = −∞：权重为 0，跳过。</translation>
    </message>
    <message>
        <source>Padding mask: the keys from %2 on are padding. %1ᵢⱼ = −∞ for j ≥ %2: weight 0, skipped.</source>
        <translation>填充掩码：从第 %2 个起的键是填充。j ≥ %2 时 %1ᵢⱼ = −∞：权重为 0，跳过。</translation>
    </message>
    <message>
        <source>Causal and padding masks: %1ᵢⱼ = −∞ for j &gt; i and for the padding keys j ≥ %2: weight 0, skipped.</source>
        <translation>因果掩码与填充掩码：j &gt; i 时以及填充键 j ≥ %2 时 %1ᵢⱼ = −∞：权重为 0，跳过。</translation>
    </message>
    <message>
        <source>The masked pairs get %1ᵢⱼ = −∞: weight 0, skipped.</source>
        <translation>被掩码的位置对 %1ᵢⱼ = −∞：权重为 0，跳过。</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>masked scores</source>
        <translation>掩码后的分数</translation>
    </message>
    <message>
        <source>Row maximum</source>
        <translation>行最大值</translation>
    </message>
    <message>
        <source>mᵢ = maxⱼ %1ᵢⱼ over the computed pairs: subtracting it keeps exp from overflowing and leaves the weights as they are</source>
        <translation>mᵢ = maxⱼ %1ᵢⱼ，只取计算过的位置对：减去它可防止 exp 溢出，而权重不变</translation>
    </message>
    <message>
        <source>row maxima</source>
        <translation>行最大值</translation>
    </message>
    <message>
        <source>Exponentials</source>
        <translation>取指数</translation>
    </message>
    <message>
        <source>eᵢⱼ = cᵢⱼ · exp(%1ᵢⱼ − mᵢ), cᵢⱼ = how many configurations cover (i, j)</source>
        <translation>eᵢⱼ = cᵢⱼ · exp(%1ᵢⱼ − mᵢ)，cᵢⱼ = 覆盖 (i, j) 的配置个数</translation>
    </message>
    <message>
        <source>eᵢⱼ = exp(%1ᵢⱼ − mᵢ): each computed pair, its row maximum subtracted</source>
        <translation>eᵢⱼ = exp(%1ᵢⱼ − mᵢ)：每个计算过的位置对，先减去所在行的最大值</translation>
    </message>
    <message>
        <source>exponentials</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>multiplicities</source>
        <translation>重数</translation>
    </message>
    <message>
        <source>Row sums</source>
        <translation>行和</translation>
    </message>
    <message>
        <source>lᵢ = Σⱼ eᵢⱼ: the sum of each row</source>
        <translation>lᵢ = Σⱼ eᵢⱼ：每行求和</translation>
    </message>
    <message>
        <source>row sums</source>
        <translation>行和</translation>
    </message>
    <message>
        <source>Attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>pᵢⱼ = eᵢⱼ / lᵢ: each row sums to 1</source>
        <translation>pᵢⱼ = eᵢⱼ / lᵢ：每行之和为 1</translation>
    </message>
    <message>
        <source>attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>Weighted sum of the values</source>
        <translation>值的加权和</translation>
    </message>
    <message>
        <source>oᵢ = Σⱼ pᵢⱼ vⱼ, that is O = P V</source>
        <translation>oᵢ = Σⱼ pᵢⱼ vⱼ，即 O = P V</translation>
    </message>
</context>
<context>
    <name>atlas::app::CaptionBar</name>
    <message>
        <source>Previous scene (Page Up)</source>
        <translation>上一个场景（Page Up）</translation>
    </message>
    <message>
        <source>Next scene (Page Down)</source>
        <translation>下一个场景（Page Down）</translation>
    </message>
    <message>
        <source>%1 · scene %2 of %3</source>
        <translation>%1 · 第 %2 个场景，共 %3 个</translation>
    </message>
    <message>
        <source> (modified)</source>
        <translation>（已修改）</translation>
    </message>
</context>
<context>
    <name>atlas::app::ComparisonDialog</name>
    <message>
        <source>Compare with this computer</source>
        <translation>与本机比较</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>atlas::app::DeviceDialog</name>
    <message>
        <source>Remote device</source>
        <translation>远程设备</translation>
    </message>
    <message>
        <source>HOST:PORT, e.g. npu-host:50051</source>
        <translation>主机:端口，例如 npu-host:50051</translation>
    </message>
    <message>
        <source>a file whose first line is the token</source>
        <translation>首行为令牌的文件</translation>
    </message>
    <message>
        <source>optional; when given, TLS</source>
        <translation>可选；给出时使用 TLS</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Co&amp;mpute on this device</source>
        <translation>在此设备上计算(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>T&amp;oken file:</source>
        <translation>令牌文件(&amp;O)：</translation>
    </message>
    <message>
        <source>Token file</source>
        <translation>令牌文件</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>CA &amp;certificate:</source>
        <translation>CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Give the device&apos;s address first (HOST:PORT).</source>
        <translation>请先填写设备地址（主机:端口）。</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在询问 %1…</translation>
    </message>
</context>
<context>
    <name>atlas::app::DeviceUi</name>
    <message>
        <source>Asking again in %1 s</source>
        <translation>%1 秒后重试</translation>
    </message>
    <message>
        <source>%1 cannot be reached: it is asked again by itself, less often each time (up to every 30 s). Compute &gt; Reconnect tries now.</source>
        <translation>无法连接 %1：将自动重试，间隔逐次加长（最长每 30 秒一次）。“计算 &gt; 重新连接到设备”可立即重试。</translation>
    </message>
    <message>
        <source>%1 answers again: computing on it.</source>
        <translation>%1 已恢复响应：正在其上计算。</translation>
    </message>
    <message>
        <source>Remote &amp;device…</source>
        <translation>远程设备(&amp;D)…</translation>
    </message>
    <message>
        <source>The address, token and certificate of a remote device that computes attention</source>
        <translation>计算注意力的远程设备的地址、令牌和证书</translation>
    </message>
    <message>
        <source>Re&amp;connect to the device</source>
        <translation>重新连接到设备(&amp;C)</translation>
    </message>
    <message>
        <source>Open a new connection to the remote device and compute again</source>
        <translation>与远程设备建立新连接并重新计算</translation>
    </message>
    <message>
        <source>Compare &amp;with this computer</source>
        <translation>与本机比较(&amp;W)</translation>
    </message>
    <message>
        <source>Compute the variant shown here and on the remote device, and compare the two</source>
        <translation>在本机和远程设备上分别计算当前变体，并比较两者</translation>
    </message>
    <message>
        <source>Compute on:</source>
        <translation>计算于：</translation>
    </message>
    <message>
        <source>Remote device…</source>
        <translation>远程设备…</translation>
    </message>
    <message>
        <source>Computing on this computer and on %1…</source>
        <translation>正在本机和 %1 上计算…</translation>
    </message>
    <message>
        <source>Where the views, the gallery and the benchmark sweep are computed (a device&apos;s timings are their own series). The low-rank analysis and the calibration always run on this computer.</source>
        <translation>视图、总览和基准测试的计算位置（设备测得的时间单独成一条曲线）。低秩分析和校准始终在本机上运行。</translation>
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
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>分辨率(&amp;R)：</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Give a file name ending in .png, .svg or .pdf.</source>
        <translation>请给出以 .png、.svg 或 .pdf 结尾的文件名。</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG vector image (text stays text)</source>
        <translation>SVG 矢量图（文字保留为文字）</translation>
    </message>
    <message>
        <source>PDF document (text stays text)</source>
        <translation>PDF 文档（文字保留为文字）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>in</source>
        <translation>英寸</translation>
    </message>
    <message>
        <source>mm</source>
        <translation>毫米</translation>
    </message>
    <message>
        <source>cm</source>
        <translation>厘米</translation>
    </message>
    <message>
        <source>pt</source>
        <translation>磅</translation>
    </message>
    <message>
        <source>px</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>尺寸(&amp;S)：</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>as on screen</source>
        <translation>与屏幕相同</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Type size:</source>
        <translation>字号(&amp;T)：</translation>
    </message>
    <message>
        <source>= %1 × %2 pixels</source>
        <translation>= %1 × %2 像素</translation>
    </message>
    <message>
        <source>= %1 × %2 points</source>
        <translation>= %1 × %2 磅</translation>
    </message>
    <message>
        <source>Nothing to preview yet.</source>
        <translation>暂无可预览的内容。</translation>
    </message>
    <message>
        <source>The figure would be %1 × %2 pixels: each side must be from 16 to 20000.</source>
        <translation>图像将是 %1 × %2 像素：每边必须在 16 到 20000 之间。</translation>
    </message>
    <message>
        <source>The figure would be %1 × %2 points: each side must be from 16 to 20000.</source>
        <translation>图像将是 %1 × %2 磅：每边必须在 16 到 20000 之间。</translation>
    </message>
</context>
<context>
    <name>atlas::app::GlossaryDialog</name>
    <message>
        <source>%1 of %2 terms</source>
        <translation>共 %2 个术语，显示 %1 个</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <source>Search the terms in English or Chinese</source>
        <translation>按英文或中文搜索术语</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Where it is used</source>
        <translation>用到它的页面</translation>
    </message>
</context>
<context>
    <name>atlas::app::LessonController</name>
    <message>
        <source>%1, scene %2: there is no view &apos;%3&apos;.</source>
        <translation>%1，第 %2 个场景：没有名为“%3”的视图。</translation>
    </message>
    <message>
        <source>%1, scene %2: the %3 view has no page &apos;%4&apos;.</source>
        <translation>%1，第 %2 个场景：%3 视图没有“%4”页。</translation>
    </message>
    <message numerus="yes">
        <source>%1 has no scene %2: it has %n scene(s).</source>
        <translation>
            <numerusform>%1 没有第 %2 个场景：它只有 %n 个场景。</numerusform>
        </translation>
    </message>
    <message>
        <source>New lesson</source>
        <translation>新课程</translation>
    </message>
</context>
<context>
    <name>atlas::app::LessonRecovery</name>
    <message>
        <source>Unsaved lesson</source>
        <translation>课程未保存</translation>
    </message>
    <message>
        <source>The lesson kept when Attention Atlas last stopped cannot be read (%1). It was moved to %2.</source>
        <translation>注意力图谱上次退出时保存的课程无法读取（%1）。它已被移到 %2。</translation>
    </message>
    <message>
        <source>The lesson “%1” had changes that were not saved when Attention Atlas last stopped. Restore them?</source>
        <translation>注意力图谱上次退出时，课程“%1”还有未保存的修改。要恢复这些修改吗？</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
</context>
<context>
    <name>atlas::app::LessonUi</name>
    <message>
        <source>Lessons (*.json);;All files (*)</source>
        <translation>课程 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Lesson: %1</source>
        <translation>课程：%1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <source>Unsaved lesson</source>
        <translation>课程未保存</translation>
    </message>
    <message>
        <source>The lesson %1 has changes that are not saved. Save them?</source>
        <translation>课程 %1 有尚未保存的修改。要保存吗？</translation>
    </message>
    <message>
        <source>Open &amp;lesson…</source>
        <translation>打开课程(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Built-in lessons</source>
        <translation>内置课程(&amp;B)</translation>
    </message>
    <message>
        <source>Recent lesso&amp;ns</source>
        <translation>最近的课程(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save lesson</source>
        <translation>保存课程(&amp;S)</translation>
    </message>
    <message>
        <source>Save lesson &amp;as…</source>
        <translation>课程另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Le&amp;sson</source>
        <translation>课程(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next scene</source>
        <translation>下一个场景(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous scene</source>
        <translation>上一个场景(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Author mode</source>
        <translation>编辑模式(&amp;A)</translation>
    </message>
    <message>
        <source>Add, edit, reorder and delete the lesson&apos;s scenes</source>
        <translation>添加、编辑、重排和删除课程的场景</translation>
    </message>
    <message>
        <source>N&amp;ew lesson</source>
        <translation>新建课程(&amp;E)</translation>
    </message>
    <message>
        <source>A&amp;dd scene</source>
        <translation>添加场景(&amp;D)</translation>
    </message>
    <message>
        <source>Add what the window shows now as a scene after this one</source>
        <translation>把窗口当前显示的内容作为新场景，添加在当前场景之后</translation>
    </message>
    <message>
        <source>&amp;Update scene</source>
        <translation>更新场景(&amp;U)</translation>
    </message>
    <message>
        <source>Replace this scene by what the window shows now</source>
        <translation>用窗口当前显示的内容替换这个场景</translation>
    </message>
    <message>
        <source>&amp;Edit text…</source>
        <translation>编辑文字(&amp;E)…</translation>
    </message>
    <message>
        <source>Move scene &amp;up</source>
        <translation>场景上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move scene do&amp;wn</source>
        <translation>场景下移(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Delete scene</source>
        <translation>删除场景(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close lesson</source>
        <translation>关闭课程(&amp;C)</translation>
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
        <source>Parameters</source>
        <translation>参数</translation>
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
    <message>
        <source>Computation cancelled: the previous result stays on screen.</source>
        <translation>计算已取消：屏幕上保留之前的结果。</translation>
    </message>
    <message>
        <source>The settings could not be saved to %1 (is the disk full, or the folder read-only?): your changes are kept and will be written with the next ones.</source>
        <translation>设置无法保存到 %1（磁盘是否已满，或文件夹是否只读？）：您的更改已保留，会随下一次更改一起写入。</translation>
    </message>
</context>
<context>
    <name>atlas::app::MatrixEditor</name>
    <message>
        <source>Typed by hand: N = %1, M = %2, dk = %3, dv = %4</source>
        <translation>手动输入：N = %1，M = %2，dk = %3，dv = %4</translation>
    </message>
    <message>
        <source>%1, row %2, column %3 is empty: type a number there.</source>
        <translation>%1 第 %2 行第 %3 列是空的：请在这里输入一个数。</translation>
    </message>
    <message>
        <source>%1, row %2, column %3: “%4” is not a number.</source>
        <translation>%1 第 %2 行第 %3 列：“%4”不是一个数。</translation>
    </message>
    <message>
        <source>Give one query label per row of Q (N = %1), or none: %2 given.</source>
        <translation>请为 Q 的每一行（N = %1）各给一个查询标签，或者都不给：现在给了 %2 个。</translation>
    </message>
    <message>
        <source>Give one key label per row of K and V (M = %1), or none: %2 given.</source>
        <translation>请为 K 和 V 的每一行（M = %1）各给一个键标签，或者都不给：现在给了 %2 个。</translation>
    </message>
    <message>
        <source>Edit Q, K, V</source>
        <translation>编辑 Q、K、V</translation>
    </message>
    <message>
        <source>&amp;N (queries):</source>
        <translation>N（查询数）(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;M (keys):</source>
        <translation>M（键数）(&amp;M)：</translation>
    </message>
    <message>
        <source>d&amp;k:</source>
        <translation>dk(&amp;K)：</translation>
    </message>
    <message>
        <source>d&amp;v:</source>
        <translation>dv(&amp;V)：</translation>
    </message>
    <message>
        <source>Number of queries: the rows of Q</source>
        <translation>查询的个数：Q 的行数</translation>
    </message>
    <message>
        <source>Number of keys: the rows of K and V</source>
        <translation>键的个数：K 和 V 的行数</translation>
    </message>
    <message>
        <source>Width of the queries and keys: the columns of Q and K</source>
        <translation>查询和键的宽度：Q 和 K 的列数</translation>
    </message>
    <message>
        <source>Width of the values: the columns of V</source>
        <translation>值的宽度：V 的列数</translation>
    </message>
    <message>
        <source>Q: queries</source>
        <translation>Q：查询</translation>
    </message>
    <message>
        <source>K: keys</source>
        <translation>K：键</translation>
    </message>
    <message>
        <source>V: values</source>
        <translation>V：值</translation>
    </message>
    <message>
        <source>Q is N × dk = %1 × %2: one row per query.</source>
        <translation>Q 为 N × dk = %1 × %2：每个查询一行。</translation>
    </message>
    <message>
        <source>K is M × dk = %1 × %2: one row per key.</source>
        <translation>K 为 M × dk = %1 × %2：每个键一行。</translation>
    </message>
    <message>
        <source>V is M × dv = %1 × %2: one row per key, in the order of K.</source>
        <translation>V 为 M × dv = %1 × %2：每个键一行，顺序与 K 相同。</translation>
    </message>
    <message>
        <source>&amp;Query labels:</source>
        <translation>查询标签(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Key labels:</source>
        <translation>键标签(&amp;K)：</translation>
    </message>
    <message>
        <source>comma-separated, one per row (empty: numbers)</source>
        <translation>用逗号分隔，每行一个（留空：显示序号）</translation>
    </message>
    <message>
        <source>Names of the rows, separated by commas, for the axes.</source>
        <translation>各行的名称，用逗号分隔，显示在坐标轴上。</translation>
    </message>
    <message>
        <source>%1 is %2 = %3 × %4.</source>
        <translation>%1 为 %2 = %3 × %4。</translation>
    </message>
    <message>
        <source>Use these numbers (unticked: %1 is drawn from the seed)</source>
        <translation>使用这些数（不勾选：%1 由随机种子生成）</translation>
    </message>
    <message>
        <source>Start from &amp;current inputs</source>
        <translation>从当前输入开始(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the Q, K, V and labels the window computes on now.</source>
        <translation>复制窗口当前计算所用的 Q、K、V 及其标签。</translation>
    </message>
    <message>
        <source>The window&apos;s inputs do not fit here: at most %1 queries and %1 keys, widths up to %1, and Q as wide as K.</source>
        <translation>窗口当前的输入放不进这里：最多 %1 个查询和 %1 个键，宽度不超过 %1，且 Q 与 K 一样宽。</translation>
    </message>
    <message>
        <source>Fill with &amp;zeros</source>
        <translation>全部填 0(&amp;Z)</translation>
    </message>
    <message>
        <source>Write 0 in every cell of Q, K, V and of the matrices in use.</source>
        <translation>在 Q、K、V 以及正在使用的矩阵的每个单元格中写入 0。</translation>
    </message>
    <message>
        <source>&amp;Random</source>
        <translation>随机(&amp;R)</translation>
    </message>
    <message>
        <source>Small random numbers with one decimal in Q, K, V and the matrices in use; each click draws new ones.</source>
        <translation>在 Q、K、V 以及正在使用的矩阵中填入保留一位小数的小随机数；每点击一次生成一组新的数。</translation>
    </message>
</context>
<context>
    <name>atlas::app::Presentation</name>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen for a projector: panels hidden, large type (F11, Esc)</source>
        <translation>适合投影仪的全屏显示：隐藏面板，放大字号（F11，Esc）</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>恢复缩放(&amp;R)</translation>
    </message>
    <message>
        <source>Switch &amp;language</source>
        <translation>切换语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>atlas::app::SceneTextDialog</name>
    <message>
        <source>Scene text</source>
        <translation>场景文字</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Lesson title</source>
        <translation>课程标题</translation>
    </message>
    <message>
        <source>Scene title</source>
        <translation>场景标题</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>atlas::app::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>atlas::app::StreamStatus</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the computation that is running</source>
        <translation>停止正在进行的计算</translation>
    </message>
    <message>
        <source>Streaming %p%</source>
        <translation>流式计算 %p%</translation>
    </message>
    <message>
        <source>Streamed heatmaps: &amp;mean of each block</source>
        <translation>流式热力图：显示每块的平均值(&amp;M)</translation>
    </message>
    <message>
        <source>When the weights are larger than the display budget, show each block&apos;s mean weight instead of its largest</source>
        <translation>当注意力权重超出显示内存预算时，显示每块的平均权重而不是最大权重</translation>
    </message>
</context>
<context>
    <name>atlas::app::WindowMenus</name>
    <message>
        <source>About Attention Atlas</source>
        <translation>关于注意力图谱</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Attention Atlas %1&lt;/h3&gt;&lt;p&gt;Makes attention mechanisms visible: every variant computed on the same inputs, shown as heatmaps, with its formula and cost.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;注意力图谱 %1&lt;/h3&gt;&lt;p&gt;让注意力机制看得见：在同一组输入上计算各种注意力变体，以热力图展示，并给出公式与计算代价。&lt;/p&gt;</translation>
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
        <source>Show &amp;values in cells</source>
        <translation>在单元格中显示数值(&amp;V)</translation>
    </message>
    <message>
        <source>Write each weight in its cell, two decimals, on heatmaps of up to 16 x 16 cells</source>
        <translation>在不超过 16 x 16 个单元格的热力图上，把每个权重以两位小数写在它的单元格里</translation>
    </message>
    <message>
        <source>&amp;Type Q, K, V…</source>
        <translation>输入 Q、K、V(&amp;T)…</translation>
    </message>
    <message>
        <source>Type small queries, keys and values (and the variant&apos;s matrices) by hand in tables</source>
        <translation>在表格中手动输入小规模的查询、键和值（以及该变体的矩阵）</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>术语表(&amp;G)</translation>
    </message>
    <message>
        <source>The terms of the explanations in English and Chinese, with a search</source>
        <translation>说明页面所用术语的中英文对照，可以搜索</translation>
    </message>
    <message>
        <source>&amp;Welcome page</source>
        <translation>欢迎页(&amp;W)</translation>
    </message>
    <message>
        <source>Self- and cross-attention, where Q, K and V come from, what costs most</source>
        <translation>自注意力与交叉注意力、Q、K、V 从哪里来、哪一部分最耗计算</translation>
    </message>
    <message>
        <source>From &amp;formula to operator (Ascend)</source>
        <translation>从公式到算子（昇腾）(&amp;F)</translation>
    </message>
    <message>
        <source>The fields of Ascend ATB&apos;s fused SelfAttention operator, mapped to the variants here</source>
        <translation>昇腾 ATB 融合算子 SelfAttention 的各个字段，与这里的注意力变体一一对应</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>What the window&apos;s panels, views and menus do</source>
        <translation>窗口各面板、视图和菜单的用途</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every key of the window and what it does</source>
        <translation>窗口的全部按键及其作用</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::ArenaPage</name>
    <message>
        <source>Nothing measured at N = 1K…4K, d = %1 yet: press Measure</source>
        <translation>d = %1、N = 1K…4K 还没有测量：请点“测量”</translation>
    </message>
    <message>
        <source>&amp;Measure N = 1K…4K</source>
        <translation>测量 N = 1K…4K(&amp;M)</translation>
    </message>
    <message>
        <source>Time the chosen variants and scaled dot-product attention at N = 1024, 2048, 3072 and 4096</source>
        <translation>在 N = 1024、2048、3072 和 4096 时测量所选变体和缩放点积注意力的用时</translation>
    </message>
    <message>
        <source>memory (MiB, cost model: peak + result)</source>
        <translation>内存（MiB，代价模型：峰值 + 结果）</translation>
    </message>
    <message>
        <source>speed (scaled dot-product attention = 1)</source>
        <translation>速度（缩放点积注意力 = 1）</translation>
    </message>
    <message>
        <source>Measured on this computer: speed vs. memory (d = %1)</source>
        <translation>本机实测：速度与内存（d = %1）</translation>
    </message>
    <message>
        <source>speed relative to the Transformer (4K tokens)</source>
        <translation>相对于 Transformer 的速度（4K 词元）</translation>
    </message>
    <message>
        <source>LRA average score (%)</source>
        <translation>LRA 平均得分（%）</translation>
    </message>
    <message>
        <source>Published: score vs. speed of trained models</source>
        <translation>已发表：训练后模型的得分与速度</translation>
    </message>
    <message>
        <source>The published results could not be read: %1</source>
        <translation>无法读取已发表的结果：%1</translation>
    </message>
    <message>
        <source>%1 (on screen)</source>
        <translation>%1（当前显示）</translation>
    </message>
    <message>
        <source>Bubble area: peak memory relative to the Transformer (%1 GB).</source>
        <translation>气泡面积：相对于 Transformer 的峰值内存（%1 GB）。</translation>
    </message>
    <message>
        <source>Not timed in the paper: %1.</source>
        <translation>论文中未计时：%1。</translation>
    </message>
    <message>
        <source>Tay et al. 2020, arXiv:2011.04006, Tables 1 and 2 (TPU v3, batch 32, byte-level text at 4K)</source>
        <translation>Tay 等，2020，arXiv:2011.04006，表 1 与表 2（TPU v3，批大小 32，4K 长度的字节级文本）</translation>
    </message>
    <message>
        <source>Measured: each variant&apos;s attention alone, timed on this computer; no task score, since the app trains nothing. Published: whole models trained on the Long Range Arena; those several times faster than the Transformer score lower.</source>
        <translation>实测：在本机上单独为每个变体的注意力计时；没有任务得分，因为本应用不训练模型。已发表：在 Long Range Arena 上训练的完整模型；比 Transformer 快好几倍的模型得分都更低。</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::ComplexityView</name>
    <message>
        <source>&amp;Variants…</source>
        <translation>注意力变体(&amp;V)…</translation>
    </message>
    <message>
        <source>Choose the variants to compare and measure</source>
        <translation>选择要比较和测量的注意力变体</translation>
    </message>
    <message>
        <source>Formulas</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Roofline</source>
        <translation>Roofline 模型</translation>
    </message>
    <message>
        <source>Speed and memory</source>
        <translation>速度与内存</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::CostPage</name>
    <message>
        <source>N²</source>
        <translation>N²</translation>
    </message>
    <message>
        <source>N√N</source>
        <translation>N√N</translation>
    </message>
    <message>
        <source>N log N</source>
        <translation>N log N</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>d²</source>
        <translation>d²</translation>
    </message>
    <message>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <source>dv²</source>
        <translation>dv²</translation>
    </message>
    <message>
        <source>dv</source>
        <translation>dv</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>N·d²</source>
        <translation>N·d²</translation>
    </message>
    <message>
        <source>shown: %1 = %2</source>
        <translation>当前：%1 = %2</translation>
    </message>
    <message>
        <source>Choose variants to compare (Variants…)</source>
        <translation>请选择要比较的注意力变体（注意力变体…）</translation>
    </message>
    <message>
        <source>%1 against %2, from the cost formulas</source>
        <translation>%1 随 %2 的变化（由代价公式计算）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>%1 at N = %2, M = %3: peak extra memory %4, the result holds %5.</source>
        <translation>%1 在 N = %2、M = %3 时：额外峰值内存 %4，结果占用 %5。</translation>
    </message>
    <message>
        <source>Flops</source>
        <translation>浮点运算次数</translation>
    </message>
    <message>
        <source>What the cost formulas count</source>
        <translation>代价公式统计的量</translation>
    </message>
    <message>
        <source>N (queries = keys)</source>
        <translation>N（查询数 = 键数）</translation>
    </message>
    <message>
        <source>d (query and key width)</source>
        <translation>d（查询和键的宽度）</translation>
    </message>
    <message>
        <source>dv (value width)</source>
        <translation>dv（值的宽度）</translation>
    </message>
    <message>
        <source>The size that varies; the others stay at the shown result&apos;s</source>
        <translation>变化的规模；其余规模保持当前结果的取值</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>项</translation>
    </message>
    <message>
        <source>Exps</source>
        <translation>指数运算次数</translation>
    </message>
    <message>
        <source>Bytes moved</source>
        <translation>内存访问量（字节）</translation>
    </message>
    <message>
        <source>Dashed: %1.</source>
        <translation>虚线：%1。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>%1 lies on %2</source>
        <translation>%1 与 %2 重合</translation>
    </message>
    <message>
        <source>Memory traffic</source>
        <translation>内存访问量</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>峰值内存</translation>
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
    <name>atlas::widgets::GalleryView</name>
    <message>
        <source>%1
Query %2, key %3: %4
Click to open</source>
        <translation>%1
查询 %2，键 %3：%4
点击打开</translation>
    </message>
    <message>
        <source>Choose variants to compare.</source>
        <translation>请选择要比较的注意力变体。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>&amp;Variants…</source>
        <translation>注意力变体(&amp;V)…</translation>
    </message>
    <message>
        <source>Choose the variants to compare</source>
        <translation>选择要比较的注意力变体</translation>
    </message>
    <message>
        <source>Weight (each panel: its lowest to its highest)</source>
        <translation>注意力权重（每幅图各自从最小到最大）</translation>
    </message>
    <message>
        <source>All variants on the same inputs</source>
        <translation>同一组输入上的全部注意力变体</translation>
    </message>
    <message>
        <source>%1
%2 computed · %3</source>
        <translation>%1
计算了 %2 · %3</translation>
    </message>
    <message>
        <source>%1 of %2 computed, %3 in all</source>
        <translation>已完成 %1 / %2，共 %3</translation>
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
    <message>
        <source>Queries %1
Keys %2
Maximum weight %3</source>
        <translation>查询 %1
键 %2
最大权重 %3</translation>
    </message>
    <message>
        <source>Queries %1
Keys %2
Mean weight %3</source>
        <translation>查询 %1
键 %2
平均权重 %3</translation>
    </message>
    <message>
        <source>Largest weight in the block</source>
        <translation>块内最大的注意力权重</translation>
    </message>
    <message>
        <source>Mean weight of the block</source>
        <translation>块内注意力权重的平均值</translation>
    </message>
    <message>
        <source>streamed into %1 x %2 blocks</source>
        <translation>流式计算为 %1 × %2 块</translation>
    </message>
    <message>
        <source>computed on %1</source>
        <translation>在 %1 上计算</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::LowRankView</name>
    <message>
        <source>Projected length &amp;k:</source>
        <translation>投影长度 k(&amp;K)：</translation>
    </message>
    <message>
        <source>P with redundant column groups</source>
        <translation>P 及其冗余列分组</translation>
    </message>
    <message>
        <source>Singular values of P</source>
        <translation>P 的奇异值</translation>
    </message>
    <message>
        <source>Column cosine similarity</source>
        <translation>列之间的余弦相似度</translation>
    </message>
    <message>
        <source>P′ = softmax(Q (E K)ᵀ) (N × k)</source>
        <translation>P′ = softmax(Q (E K)ᵀ)（N × k）</translation>
    </message>
    <message>
        <source>Implied map P′F (N × M)</source>
        <translation>隐含的注意力矩阵 P′F（N × M）</translation>
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
        <source>Index i</source>
        <translation>序号 i</translation>
    </message>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>Projected key</source>
        <translation>投影后的键</translation>
    </message>
    <message>
        <source>best rank-k (SVD)</source>
        <translation>最优秩 k 近似（SVD）</translation>
    </message>
    <message>
        <source>%1, head %2  ·  N = %3, M = %4</source>
        <translation>%1，注意力头 %2  ·  N = %3，M = %4</translation>
    </message>
    <message>
        <source>90%: rank %1 · 99%: rank %2 · entropy rank %3 · %4 redundant column groups</source>
        <translation>90%：秩 %1 · 99%：秩 %2 · 熵有效秩 %3 · %4 组冗余列</translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation>正在分析…</translation>
    </message>
    <message>
        <source>Nothing computed yet.</source>
        <translation>尚未计算。</translation>
    </message>
    <message>
        <source>tint: redundant key columns of P (cosine ≥ %1), a colour per group</source>
        <translation>着色：P 中冗余的键列（余弦相似度 ≥ %1），每组一种颜色</translation>
    </message>
    <message>
        <source>random projection P RᵀR V (Theorem 1)</source>
        <translation>随机投影 P RᵀR V（定理 1）</translation>
    </message>
    <message>
        <source>c/√k</source>
        <translation>c/√k</translation>
    </message>
    <message>
        <source>untrained Linformer (random E, F)</source>
        <translation>未训练的 Linformer（随机 E、F）</translation>
    </message>
    <message>
        <source>Linformer learns E and F in training: a trained model&apos;s error lies between the best rank-k curve and the random projection (the paper&apos;s Theorem 1). The untrained curve is not what a trained model achieves.</source>
        <translation>Linformer 在训练中学习 E 和 F：训练后模型的误差落在最优秩 k 近似曲线与随机投影曲线（论文的定理 1）之间。未训练的曲线并不代表训练后的模型能达到的效果。</translation>
    </message>
    <message>
        <source>σᵢ</source>
        <translation>σᵢ</translation>
    </message>
    <message>
        <source>Error ‖PV − output‖ / ‖PV‖</source>
        <translation>误差 ‖PV − 输出‖ / ‖PV‖</translation>
    </message>
    <message>
        <source> · untrained Linformer error at k = %1: %2</source>
        <translation> · k = %1 时未训练 Linformer 的误差：%2</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::MatrixPlot</name>
    <message>
        <source>not computed: pairs the variant skips</source>
        <translation>未计算：该变体跳过的位置对</translation>
    </message>
    <message>
        <source>linear: the values are signed</source>
        <translation>线性：数值有正有负</translation>
    </message>
    <message>
        <source>Almost every value is near the bottom of this linear scale: the logarithmic scale (View &gt; Logarithmic colour scale, Ctrl+L) shows them apart.</source>
        <translation>几乎所有数值都挤在线性色标的底端：对数色标（视图 &gt; 对数色标，Ctrl+L）能把它们区分开。</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::MeasuredPage</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop the benchmark after the current run</source>
        <translation>在当前这次运行结束后停止基准测试</translation>
    </message>
    <message>
        <source>Time the chosen variants at N = 64, 128, … up to the limit</source>
        <translation>测量所选变体在 N = 64、128、…直到上限时的用时</translation>
    </message>
    <message>
        <source>%1, N = %2: %3</source>
        <translation>%1，N = %2：%3</translation>
    </message>
    <message>
        <source>N (queries = keys)</source>
        <translation>N（查询数 = 键数）</translation>
    </message>
    <message>
        <source>time of one computation (s): median, bars from fastest to slowest</source>
        <translation>单次计算用时（秒）：中位数，误差线从最快到最慢</translation>
    </message>
    <message>
        <source>Measured on this machine (d = %1)</source>
        <translation>本机实测（d = %1）</translation>
    </message>
    <message>
        <source>Nothing measured at d = %1 yet: press Start</source>
        <translation>d = %1 还没有测量：请点“开始”</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) shown.</source>
        <translation>
            <numerusform>显示了 %n 个点。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s) shown; %1 could not run (hover for why).</source>
        <translation>
            <numerusform>显示了 %n 个点；%1 个无法运行（悬停查看原因）。</numerusform>
        </translation>
    </message>
    <message>
        <source>N up &amp;to</source>
        <translation>N 上限(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Repeats</source>
        <translation>重复次数(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;d</source>
        <translation>&amp;d</translation>
    </message>
    <message>
        <source>The largest N measured; N doubles from 64</source>
        <translation>测量的最大 N；N 从 64 开始逐次加倍</translation>
    </message>
    <message>
        <source>Runs per point; the median is shown</source>
        <translation>每个点运行的次数；显示中位数</translation>
    </message>
    <message>
        <source>Width of queries, keys and values</source>
        <translation>查询、键和值的宽度</translation>
    </message>
    <message>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1（在 %2 上）</translation>
    </message>
    <message>
        <source>Measured on this machine and on a remote device (d = %1)</source>
        <translation>在本机和远程设备上测得（d = %1）</translation>
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
    <message>
        <source>Ke&amp;y sentence</source>
        <translation>键句子(&amp;Y)</translation>
    </message>
    <message>
        <source>Query &amp;labels</source>
        <translation>查询标签(&amp;L)</translation>
    </message>
    <message>
        <source>Key l&amp;abels</source>
        <translation>键标签(&amp;A)</translation>
    </message>
    <message>
        <source>the same sentence (self-attention)</source>
        <translation>与上面相同（自注意力）</translation>
    </message>
    <message>
        <source>Keys and values from another sentence: cross-attention, one query per token of the sentence above, one key per token of this one.</source>
        <translation>键和值来自另一个句子：交叉注意力。上面句子的每个词元是一个查询，这个句子的每个词元是一个键。</translation>
    </message>
    <message>
        <source>e.g. deer, ox, sheep (one per row of Q)</source>
        <translation>例如 鹿, 牛, 羊（Q 的每一行一个）</translation>
    </message>
    <message>
        <source>one per row of K (empty: numbers)</source>
        <translation>K 的每一行一个（留空：显示序号）</translation>
    </message>
    <message>
        <source>Names of the rows of the loaded files, separated by commas, for the axes.</source>
        <translation>已加载文件各行的名称，用逗号分隔，显示在坐标轴上。</translation>
    </message>
    <message>
        <source>The animal did not cross the street because it was too tired</source>
        <translation>这只动物没有过马路，因为它太累了</translation>
    </message>
    <message>
        <source>Each word or Chinese character gets a random vector drawn from the seed, and the queries and keys their own random projections. Nothing is trained: the patterns show the mechanism, not grammar or meaning.</source>
        <translation>每个词或汉字得到一个由随机种子生成的随机向量，查询和键各有自己的随机投影。这些都没有经过训练：图案显示的是机制本身，而不是语法或语义。</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::RooflinePage</name>
    <message>
        <source>Measuring this machine&apos;s peak throughput and memory bandwidth (about a second)…</source>
        <translation>正在测量本机的峰值吞吐量和内存带宽（约一秒）…</translation>
    </message>
    <message numerus="yes">
        <source>This machine: peak %1 GFLOP/s (float, %n thread(s)), memory bandwidth %2 GB/s. %3</source>
        <translation>
            <numerusform>本机：峰值 %1 GFLOP/s（单精度，%n 个线程），内存带宽 %2 GB/s。%3</numerusform>
        </translation>
    </message>
    <message>
        <source>This machine is not calibrated yet.</source>
        <translation>本机尚未校准。</translation>
    </message>
    <message>
        <source>%1, N = %2</source>
        <translation>%1，N = %2</translation>
    </message>
    <message>
        <source>%1, N = %2 (not measured)</source>
        <translation>%1，N = %2（未测量）</translation>
    </message>
    <message>
        <source>%1% of bound</source>
        <translation>达到上界的 %1%</translation>
    </message>
    <message>
        <source>peak %1 GFLOP/s</source>
        <translation>峰值 %1 GFLOP/s</translation>
    </message>
    <message>
        <source>memory %1 GB/s</source>
        <translation>内存 %1 GB/s</translation>
    </message>
    <message>
        <source>arithmetic intensity (flops per byte moved, cost model)</source>
        <translation>算术强度（每字节内存访问的浮点运算次数，代价模型）</translation>
    </message>
    <message>
        <source>GFLOP/s: measured (filled) and roofline bound (hollow)</source>
        <translation>GFLOP/s：实测（实心）与 Roofline 上界（空心）</translation>
    </message>
    <message>
        <source>Roofline of this machine (d = %1)</source>
        <translation>本机的 Roofline 模型（d = %1）</translation>
    </message>
    <message>
        <source>Measuring this machine…</source>
        <translation>正在测量本机…</translation>
    </message>
    <message>
        <source>Press Calibrate to draw this machine&apos;s roofs</source>
        <translation>请点“校准”以画出本机的上界</translation>
    </message>
    <message>
        <source>&amp;Calibrate</source>
        <translation>校准(&amp;C)</translation>
    </message>
    <message>
        <source>Measure this machine&apos;s peak float throughput and memory bandwidth again</source>
        <translation>重新测量本机的峰值浮点吞吐量和内存带宽</translation>
    </message>
    <message>
        <source>%1, N = %2, on %3</source>
        <translation>%1，N = %2，在 %3 上</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::SparsityView</name>
    <message>
        <source>Query %1, key %2</source>
        <translation>查询 %1，键 %2</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>已计算</translation>
    </message>
    <message>
        <source>Nothing computed yet.</source>
        <translation>尚未计算。</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>By component</source>
        <translation>按组成部分</translation>
    </message>
    <message>
        <source>By bucket</source>
        <translation>按桶</translation>
    </message>
    <message>
        <source>By block routing</source>
        <translation>按块路由</translation>
    </message>
    <message>
        <source>own block</source>
        <translation>本块</translation>
    </message>
    <message>
        <source>routed block</source>
        <translation>路由到的块</translation>
    </message>
    <message>
        <source>bucket %1</source>
        <translation>桶 %1</translation>
    </message>
    <message>
        <source>own position</source>
        <translation>自身位置</translation>
    </message>
    <message>
        <source>&amp;Sorted by bucket</source>
        <translation>按桶排序(&amp;S)</translation>
    </message>
    <message>
        <source>Reorder queries and keys by bucket, so that the blocks become visible.</source>
        <translation>按桶重新排列查询和键，使块状结构显现出来。</translation>
    </message>
    <message>
        <source>How the computed cells are coloured</source>
        <translation>已计算的单元格如何着色</translation>
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
        <source>%1  ·  %2 of %3 pairs computed (%4%)</source>
        <translation>%1  ·  计算了 %3 对中的 %2 对（%4%）</translation>
    </message>
    <message>
        <source>%1 pairs, density %2</source>
        <translation>%1 对，密度 %2</translation>
    </message>
    <message>
        <source>Head %1: %2</source>
        <translation>注意力头 %1：%2</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::TeachingView</name>
    <message>
        <source>Step %1 of %2: query tile %3, key tile %4</source>
        <translation>第 %1 / %2 步：查询块 %3，键块 %4</translation>
    </message>
    <message>
        <source>This view shows how FlashAttention, paged attention, linear attention and Performer schedule their work. Choose one of them.</source>
        <translation>这个视图展示 FlashAttention、分页注意力、线性注意力和 Performer 如何安排计算。请选择其中之一。</translation>
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
        <source>Key tile</source>
        <translation>键块</translation>
    </message>
    <message>
        <source>Running maximum m</source>
        <translation>当前最大值 m</translation>
    </message>
    <message>
        <source>Running sum l</source>
        <translation>当前累加和 l</translation>
    </message>
    <message>
        <source>running maximum m</source>
        <translation>当前最大值 m</translation>
    </message>
    <message>
        <source>running sum l</source>
        <translation>当前累加和 l</translation>
    </message>
    <message>
        <source>Logical page</source>
        <translation>逻辑页</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Physical page</source>
        <translation>物理页</translation>
    </message>
    <message>
        <source>Floating-point operations</source>
        <translation>浮点运算次数</translation>
    </message>
    <message>
        <source>%1: the last query reads K and V page by page through the block table; the pages lie shuffled in the physical pool.</source>
        <translation>%1：最后一个查询通过块表逐页读取 K 和 V；这些页在物理页池中是打乱存放的。</translation>
    </message>
    <message>
        <source>row %1</source>
        <comment>the flash row spin box&apos;s text around its value</comment>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Query %1, key %2</source>
        <translation>查询 %1，键 %2</translation>
    </message>
    <message>
        <source>not computed at this step</source>
        <translation>这一步尚未计算</translation>
    </message>
    <message>
        <source>exp(S − m) / l = %1</source>
        <translation>exp(S − m) / l = %1</translation>
    </message>
    <message>
        <source>Row %1 is done: m = %2, l = %3; its weights are final.</source>
        <translation>第 %1 行已经算完：m = %2，l = %3；它的权重已是最终值。</translation>
    </message>
    <message>
        <source>Row %1 waits: its query tile %2 starts at step %3.</source>
        <translation>第 %1 行还在等待：它所在的查询块 %2 从第 %3 步开始。</translation>
    </message>
    <message>
        <source>Row %1, key tile 0: the first tile sets m = %2 and l = %3.</source>
        <translation>第 %1 行，键块 0：第一个块给出 m = %2、l = %3。</translation>
    </message>
    <message>
        <source>Row %1, key tile %2: the maximum grew, m = %3 → %4, and l = %5 → %6, so the row&apos;s earlier weights were multiplied by e^(m_old − m) · l_old / l = %7.</source>
        <translation>第 %1 行，键块 %2：最大值变大了，m = %3 → %4，l = %5 → %6，所以这一行先前的权重都乘以 e^(m_old − m) · l_old / l = %7。</translation>
    </message>
    <message>
        <source>Row %1, key tile %2: m stays %3, l = %4 → %5, so the row&apos;s earlier weights were multiplied by l_old / l = %6.</source>
        <translation>第 %1 行，键块 %2：m 仍为 %3，l = %4 → %5，所以这一行先前的权重都乘以 l_old / l = %6。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step through the tiles, one step every %1 s</source>
        <translation>逐块播放，每 %1 秒一步</translation>
    </message>
    <message>
        <source>exp(S − m) / l</source>
        <translation>exp(S − m) / l</translation>
    </message>
    <message>
        <source>%1 computes the same weights as scaled dot-product attention, one tile at a time: each row keeps a running maximum m and sum l, and its weights so far are exp(S − m) / l, rescaled whenever m or l grows.</source>
        <translation>%1 得到与缩放点积注意力相同的注意力权重，但一块一块地计算：每行维护当前最大值 m 和当前累加和 l，到目前为止的权重是 exp(S − m) / l，m 或 l 一变大就重新缩放。</translation>
    </message>
    <message>
        <source>The run&apos;s %1 × %2 tiles hold all %3 keys at once, one step per query tile, so the view replays the same online softmax in %4 × %5 tiles from the result&apos;s weights; set tile_k below %3 to see the run&apos;s own tiles.</source>
        <translation>这次计算的 %1 × %2 块一次就容纳了全部 %3 个键，每个查询块只有一步，所以这里用结果中的权重按 %4 × %5 的块重放同样的在线 softmax；把 tile_k 设得小于 %3，就能看到计算本身的块。</translation>
    </message>
    <message>
        <source>The run&apos;s own tiles: %1 query rows by %2 keys (tile_q, tile_k).</source>
        <translation>计算本身的块：%1 行查询 × %2 个键（tile_q、tile_k）。</translation>
    </message>
    <message>
        <source>the cheap order is cheaper
from N = %1</source>
        <translation>从 N = %1 起
低代价的顺序更省</translation>
    </message>
    <message>
        <source>N = %1
(this input)</source>
        <translation>N = %1
（当前输入）</translation>
    </message>
    <message>
        <source>Cheap order φ(Q) (φ(K)ᵀ V):</source>
        <translation>低代价的顺序 φ(Q) (φ(K)ᵀ V)：</translation>
    </message>
    <message>
        <source>(the state)</source>
        <translation>（状态）</translation>
    </message>
    <message>
        <source>Quadratic order (φ(Q) φ(K)ᵀ) V:</source>
        <translation>平方代价的顺序 (φ(Q) φ(K)ᵀ) V：</translation>
    </message>
    <message>
        <source>cheap
order</source>
        <translation>低代价
的顺序</translation>
    </message>
    <message>
        <source>quadratic
order</source>
        <translation>平方代价
的顺序</translation>
    </message>
    <message>
        <source>Sequence length N (M = N)</source>
        <translation>序列长度 N（M = N）</translation>
    </message>
    <message>
        <source>Queries N (keys in proportion, M = %1 N)</source>
        <translation>查询数 N（键数按比例，M = %1 N）</translation>
    </message>
    <message>
        <source>cheap order</source>
        <translation>低代价的顺序</translation>
    </message>
    <message>
        <source>quadratic order</source>
        <translation>平方代价的顺序</translation>
    </message>
    <message>
        <source>this input</source>
        <translation>当前输入</translation>
    </message>
    <message>
        <source>N = %1, M = %2, d = %3, dᵥ = %4, m = %5 random features</source>
        <translation>N = %1、M = %2、d = %3、dᵥ = %4、m = %5 个随机特征</translation>
    </message>
    <message>
        <source>N = %1, M = %2, d = %3, dᵥ = %4</source>
        <translation>N = %1、M = %2、d = %3、dᵥ = %4</translation>
    </message>
    <message>
        <source>%1 computes φ(K)ᵀV first: an m × dᵥ state (%2 × %3, m = %2 random features) shared by all queries, so its cost grows like N·m·dᵥ, not N²·(m + dᵥ).</source>
        <translation>%1 先计算 φ(K)ᵀV：得到所有查询共用的 m × dᵥ 状态（%2 × %3，m = %2 个随机特征），所以代价按 N·m·dᵥ 增长，而不是 N²·(m + dᵥ)。</translation>
    </message>
    <message>
        <source>%1 computes φ(K)ᵀV first: a d × dᵥ state (%2 × %3) shared by all queries, so its cost grows like N·d·dᵥ, not N²·(d + dᵥ).</source>
        <translation>%1 先计算 φ(K)ᵀV：得到所有查询共用的 d × dᵥ 状态（%2 × %3），所以代价按 N·d·dᵥ 增长，而不是 N²·(d + dᵥ)。</translation>
    </message>
    <message>
        <source>With these widths the cheap order never takes fewer operations.</source>
        <translation>在这些宽度下，低代价的顺序从不更省运算。</translation>
    </message>
    <message>
        <source>At N = %1 it is not cheaper yet: the fixed cost of the state outweighs N² pairs below N = %2, where the two counts cross.</source>
        <translation>在 N = %1 时它还不更省：N 小于 %2 时，状态的固定代价超过 N² 个查询–键对；两种运算次数在 N = %2 处相交。</translation>
    </message>
    <message>
        <source>At N = %1 it is the cheaper one, as from N = %2, where the two counts cross.</source>
        <translation>在 N = %1 时它是更省的那个：两种运算次数在 N = %2 处相交，从那里起就是如此。</translation>
    </message>
    <message>
        <source>keys %1–%2</source>
        <comment>the keys of a logical page</comment>
        <translation>键 %1–%2</translation>
    </message>
    <message>
        <source>Logical pages
(K, V in order)</source>
        <translation>逻辑页
（K、V 按顺序）</translation>
    </message>
    <message>
        <source>After step %1 of %2 (%3 × %4 tiles):
exp(S − m) / l, each row&apos;s m and l so far</source>
        <translation>第 %1 / %2 步之后（%3 × %4 的块）：
exp(S − m) / l，m 和 l 取每行到目前为止的值</translation>
    </message>
    <message>
        <source>Row %1 (query tile %2):
m and l after each key tile</source>
        <translation>第 %1 行（查询块 %2）：
每个键块之后的 m 和 l</translation>
    </message>
    <message>
        <source>φ(Q) · state:</source>
        <translation>φ(Q) · 状态：</translation>
    </message>
    <message>
        <source>(the weights P)</source>
        <translation>（权重 P）</translation>
    </message>
    <message>
        <source>%1: the two multiplication orders</source>
        <translation>%1：两种乘法顺序</translation>
    </message>
    <message>
        <source>Physical pool:
the logical page
in each slot</source>
        <translation>物理页池：
每个位置存放的
逻辑页</translation>
    </message>
    <message>
        <source>Page number (logical page above, physical slot below)</source>
        <translation>页号（上面是逻辑页，下面是物理位置）</translation>
    </message>
    <message>
        <source>Block table: logical page → physical page</source>
        <translation>块表：逻辑页 → 物理页</translation>
    </message>
    <message>
        <source>not computed at this step, or masked</source>
        <translation>这一步尚未计算，或被掩码屏蔽</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::VariantBrowser</name>
    <message>
        <source>Search variants (name or id)…</source>
        <translation>搜索注意力变体（名称或 id）…</translation>
    </message>
</context>
<context>
    <name>atlas::widgets::WalkthroughView</name>
    <message>
        <source>Previous step (Left)</source>
        <translation>上一步（左方向键）</translation>
    </message>
    <message>
        <source>Next step (Right, Space)</source>
        <translation>下一步（右方向键、空格）</translation>
    </message>
    <message>
        <source>The steps of the computation: Home is the first, End the last</source>
        <translation>计算的各个步骤：Home 到第一步，End 到最后一步</translation>
    </message>
    <message>
        <source>Nothing computed yet.</source>
        <translation>尚未计算。</translation>
    </message>
    <message>
        <source>Step %1 of %2, head %3 of %4</source>
        <translation>第 %1 步（共 %2 步），第 %3 个头（共 %4 个）</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步（共 %2 步）</translation>
    </message>
</context>
</TS>
