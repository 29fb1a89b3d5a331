#include "lra_table.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <cmath>

namespace atlas::widgets {

namespace {

const QStringList kTasks = {"listops", "text", "retrieval", "image", "pathfinder"};
const QStringList kColumns = {"model", "variant",    "listops", "text",     "retrieval",
                              "image", "pathfinder", "average", "speed_4k", "memory_gb_4k"};

/// Why a line is refused: the sentence, translated, with the file and line in front.
struct Refusal {
  QString text;
};

QString tableError(const QString& name, int line, const QString& what) {
  return QCoreApplication::translate("LraTable", "%1, line %2: %3").arg(name).arg(line).arg(what);
}

/// A field as a number in [lo, hi], or a refusal naming the column.
double number(const QString& field, const QString& column, double lo, double hi) {
  bool ok = false;
  const double v = field.toDouble(&ok);  // C locale: the table's decimal point
  if (!ok || !std::isfinite(v))
    throw Refusal{QCoreApplication::translate("LraTable", "'%1' in column %2 is not a number.")
                      .arg(field, column)};
  if (v < lo || v > hi)
    throw Refusal{QCoreApplication::translate("LraTable", "%1 in column %2 is out of range.")
                      .arg(field, column)};
  return v;
}

}  // namespace

LraTable parseLraTable(const QByteArray& text, const QString& name) {
  LraTable table;
  QHash<QString, int> column;  // the header's column of each name
  qsizetype fields = 0;
  QSet<QString> seen;
  const QList<QByteArray> lines = text.split('\n');
  for (int i = 0; i < lines.size(); ++i) {
    const QString line = QString::fromUtf8(lines[i]).trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
    QStringList f = line.split(QLatin1Char(','));
    for (QString& s : f) s = s.trimmed();
    try {
      if (column.isEmpty()) {  // the header
        for (int c = 0; c < f.size(); ++c) column.insert(f[c], c);
        for (const QString& c : kColumns)
          if (!column.contains(c))
            throw Refusal{
                QCoreApplication::translate("LraTable", "the header has no column %1.").arg(c)};
        fields = f.size();
        continue;
      }
      if (f.size() != fields)
        throw Refusal{QCoreApplication::translate("LraTable", "%1 fields where the header has %2.")
                          .arg(f.size())
                          .arg(fields)};
      const auto at = [&](const char* c) { return f[column.value(QLatin1String(c))]; };
      LraModel m;
      m.model = at("model");
      m.variant = at("variant");
      if (m.model.isEmpty())
        throw Refusal{QCoreApplication::translate("LraTable", "the model has no name.")};
      if (seen.contains(m.model))
        throw Refusal{
            QCoreApplication::translate("LraTable", "%1 appears a second time.").arg(m.model)};
      seen.insert(m.model);
      for (std::size_t t = 0; t < m.tasks.size(); ++t) {
        const QString& task = kTasks[qsizetype(t)];
        m.tasks[t] = number(f[column.value(task)], task, 0, 100);
      }
      m.average = number(at("average"), "average", 0, 100);
      const QString speed = at("speed_4k"), memory = at("memory_gb_4k");
      if (speed.isEmpty() != memory.isEmpty())
        throw Refusal{QCoreApplication::translate(
            "LraTable", "speed_4k and memory_gb_4k are given together or not at all.")};
      if (!speed.isEmpty()) {
        m.speed = number(speed, "speed_4k", 1e-6, 1e6);
        m.memoryGb = number(memory, "memory_gb_4k", 1e-6, 1e6);
      }
      table.models.push_back(std::move(m));
    } catch (const Refusal& r) {
      return {{}, tableError(name, i + 1, r.text)};
    }
  }
  if (column.isEmpty())
    return {{},
            QCoreApplication::translate("LraTable", "%1: no header line naming the columns %2.")
                .arg(name, kColumns.join(QLatin1String(", ")))};
  if (table.models.empty())
    return {{}, QCoreApplication::translate("LraTable", "%1: no models.").arg(name)};
  return table;
}

LraTable readLraTable(const QString& path) {
  const QString name = QFileInfo(path).fileName();
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return {{},
            QCoreApplication::translate("LraTable", "%1 could not be read: %2")
                .arg(name, file.errorString())};
  return parseLraTable(file.readAll(), name);
}

}  // namespace atlas::widgets
