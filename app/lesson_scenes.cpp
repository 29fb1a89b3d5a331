#include "lesson_scenes.h"

#include "widgets/core_text.h"

#include "core/io/labels.h"
#include "core/variant_registry.h"

#include <QCoreApplication>

namespace atlas::app {

namespace {

QString valueText(const core::ParamSpec& spec, const core::ParamSet& params) {
  switch (spec.kind) {
    case core::ParamKind::Int:
      return QString::number(params.integer(spec.name));
    case core::ParamKind::Bool:
      return params.flag(spec.name) ? "true" : "false";
    case core::ParamKind::Text:
      return QString::fromStdString(params.text(spec.name));
    default:
      return QString::number(params.number(spec.name), 'g', 10);
  }
}

/// Labels of `language` from the field, keeping the other language's where they still fit.
core::LocalLabels labelsOf(const QString& field, const QString& language,
                           const core::LocalLabels* base) {
  core::LocalLabels out;
  const std::vector<std::string> typed = core::io::splitLabels(field.toStdString());
  const bool zh = language.startsWith("zh");
  (zh ? out.zh : out.en) = typed;
  if (base) {
    const std::vector<std::string>& other = zh ? base->en : base->zh;
    if (other.size() == typed.size()) (zh ? out.en : out.zh) = other;
  }
  if (zh && out.en.empty()) out.en = typed;  // the English is what every language falls back on
  return out;
}

}  // namespace

QString joinLabels(const std::vector<std::string>& labels) {
  QStringList out;
  for (const std::string& l : labels) out << QString::fromStdString(l);
  return out.join(", ");
}

WindowState stateOfScene(const core::Scene& scene, const QString& language) {
  WindowState s;
  s.variant = QString::fromStdString(scene.variant->id());
  const core::InputSpec& spec = scene.spec;
  s.inputs = {{"source", QString::fromStdString(core::inputSourceName(spec.source))},
              {"text", QString::fromStdString(spec.text)},
              {"keyText", QString::fromStdString(spec.keyText)},
              {"n", int(spec.n)},
              {"m", int(spec.m)},
              {"d", int(spec.d)},
              {"dv", int(spec.dv)},
              {"seed", qlonglong(spec.seed)}};
  for (const core::ParamSpec& p : scene.variant->params())
    if (p.kind != core::ParamKind::Matrix)
      s.values[QString::fromStdString(p.name)] = valueText(p, scene.params);
  s.matrices = scene.params.matrices;
  if (scene.matrices) {
    s.loaded = scene.matrices;
    const std::string lang = language.toStdString();
    s.queryLabels = joinLabels(scene.queryLabels.of(lang));
    s.keyLabels = joinLabels(scene.keyLabels.of(lang));
    s.loadedDescription =
        QCoreApplication::translate("Lessons", "Q, K, V set in the lesson: %1 x %2")
            .arg(scene.matrices->q.rows())
            .arg(scene.matrices->k.rows());
  }
  s.view = QString::fromStdString(scene.view);
  s.page = QString::fromStdString(scene.page);
  for (const core::Variant* v : scene.compare) s.compare << QString::fromStdString(v->id());
  s.step = scene.step;
  return s;
}

core::Scene sceneOfState(const WindowState& state, const QString& language,
                         const core::Scene* base) {
  core::Scene s;
  s.variant = &core::requireVariant(state.variant.toStdString());
  const std::string id = s.variant->id();
  const auto specs = s.variant->params();
  s.params = core::defaultParams(specs);
  for (auto it = state.values.begin(); it != state.values.end(); ++it)
    core::setParam(s.params, specs, id, it.key().toStdString(),
                   it.value().toString().toStdString());
  for (const auto& [name, matrix] : state.matrices)
    core::setMatrixParam(s.params, specs, id, name, matrix);

  const QString source = state.inputs.value("source").toString();
  if (source != "files")
    s.spec = core::parseInputSource(source == "sentence" ? "sentence:" : source.toStdString());
  s.spec.text = state.inputs.value("text").toString().toStdString();
  s.spec.keyText = state.inputs.value("keyText").toString().trimmed().toStdString();
  s.spec.n = state.inputs.value("n").toInt();
  s.spec.m = state.inputs.value("m").toInt();
  s.spec.d = state.inputs.value("d").toInt();
  s.spec.dv = state.inputs.value("dv").toInt();
  s.spec.seed = state.inputs.value("seed").toULongLong();
  s.params.seed = s.spec.seed;
  if (state.loaded) {
    auto bare = std::make_shared<core::Inputs>(*state.loaded);
    bare->queryTokens.clear();
    bare->keyTokens.clear();
    s.matrices = std::move(bare);
    s.queryLabels = labelsOf(state.queryLabels, language, base ? &base->queryLabels : nullptr);
    s.keyLabels = labelsOf(state.keyLabels, language, base ? &base->keyLabels : nullptr);
  }
  s.view = state.view.toStdString();
  s.page = state.page.toStdString();
  for (const QString& c : state.compare)
    s.compare.push_back(&core::requireVariant(c.toStdString()));
  s.step = state.step;
  if (base) {
    s.title = base->title;
    s.caption = base->caption;
  } else {
    s.title.en = s.variant->label();
    if (language.startsWith("zh")) s.title.zh = widgets::variantLabel(id).toStdString();
  }
  return s;
}

}  // namespace atlas::app
