#include "core_text.h"

#include "core/variant_registry.h"

#include <QCoreApplication>

namespace atlas::widgets {

QString variantLabel(const std::string& id) {
  const core::Variant* v = core::findVariant(id);
  return v ? QCoreApplication::translate("VariantLabels", v->label()) : QString();
}

QString familyLabel(core::Family family) {
  return QCoreApplication::translate("VariantLabels", core::familyLabel(family));
}

QString paramLabel(const core::ParamSpec& spec) {
  return QCoreApplication::translate("Params", spec.label);
}

QString paramDescription(const core::ParamSpec& spec) {
  return QCoreApplication::translate("Params", spec.description);
}

QString costTermName(const std::string& name) {
  return QCoreApplication::translate("CostTerms", name.c_str());
}

QString errorText(const std::string& format, const std::vector<std::string>& args) {
  return translatedText("CoreErrors", format.c_str(), args);
}

QString translatedText(const char* context, const char* format,
                       const std::vector<std::string>& args) {
  const QString text = QCoreApplication::translate(context, format);
  QString out;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c == u'%' && i + 1 < text.size() && text[i + 1] >= u'1' && text[i + 1] <= u'9') {
      const auto a = static_cast<std::size_t>(text[i + 1].unicode() - u'1');
      if (a < args.size()) {
        out += QString::fromStdString(args[a]);
        ++i;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace atlas::widgets
