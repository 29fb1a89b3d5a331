// The aclnn operators the Ascend backend launches, each through its documented two-phase call
// (XxxGetWorkspaceSize, then Xxx on the stream), with the workspace from the computation's
// Arena. Tensors are float32 unless said otherwise; every call is checked (core::Error(Device)).
#pragma once

#include "acl_support.h"

namespace atlas::core::ascend::ops {

/// out = a @ b (aclnnMatmul, aclnnop/aclnn_matmul.h), in float32 (cubeMathType KEEP_DTYPE).
void matmul(Arena& arena, const aclTensor* a, const aclTensor* b, aclTensor* out);
/// self *= value (aclnnInplaceMuls, aclnnop/aclnn_mul.h).
void scale(Arena& arena, aclTensor* self, float value);
/// self -= other, other broadcast (aclnnInplaceSub, aclnnop/aclnn_sub.h; alpha 1).
void subtract(Arena& arena, aclTensor* self, const aclTensor* other);
/// self = exp(self) (aclnnInplaceExp, aclnnop/aclnn_exp.h).
void exponentiate(Arena& arena, aclTensor* self);
/// self /= other, other broadcast (aclnnInplaceDiv, aclnnop/aclnn_div.h).
void divide(Arena& arena, aclTensor* self, const aclTensor* other);
/// out = softmax(self) along `dim` (aclnnSoftmax, aclnnop/aclnn_softmax.h).
void softmax(Arena& arena, const aclTensor* self, std::int64_t dim, aclTensor* out);
/// self = value where `mask` (ACL_BOOL, broadcast) is true (aclnnInplaceMaskedFillScalar,
/// aclnnop/aclnn_masked_fill_scalar.h).
void maskedFill(Arena& arena, aclTensor* self, const aclTensor* mask, float value);

/// aclnnFlashAttentionScore (aclnnop/aclnn_flash_attention_score.h): softmax(scale Q K^T,
/// masked) V without dropout, and the softmax statistics per head and query row.
struct FlashAttention {
  const aclTensor* query = nullptr;  ///< layout `layout` ("BSH": 1 x N x heads dh)
  const aclTensor* key = nullptr;    ///< 1 x M x groups dh
  const aclTensor* value = nullptr;  ///< 1 x M x groups dh (the operator takes one D)
  const aclTensor* mask = nullptr;   ///< ACL_BOOL, 1 = masked; nullptr: none
  double scale = 1;
  std::int64_t preTokens = 2147483647, nextTokens = 2147483647;
  std::int64_t heads = 1;
  const char* layout = "BSH";
  /// 0; 2 makes the operator handle query rows whose every key is masked.
  std::int64_t innerPrecise = 0;
  /// 0: defaultMask, 1: allMask (a full N x M mask), 2: leftUpCausal, 4: band (both with the
  /// compressed 2048 x 2048 mask).
  std::int64_t sparseMode = 0;
  aclTensor* softmaxMax = nullptr;  ///< 1 x heads x N x 8 float (the row value repeated)
  aclTensor* softmaxSum = nullptr;  ///< likewise
  aclTensor* softmaxOut = nullptr;  ///< reserved by the operator: an empty tensor
  aclTensor* out = nullptr;         ///< as `query`
};
void flashAttention(Arena& arena, const FlashAttention& f);

}  // namespace atlas::core::ascend::ops
