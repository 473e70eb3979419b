/**
 * REST names and scope of the built-in kinds, used only where no server is asked: the client
 * dry-run plan. With a cluster, discovery decides. Data, one row per group: `Kind:plural`, with a
 * leading `^` marking a cluster-scoped kind.
 */
const TABLE: Record<string, string[]> = {
  "": [
    "^Namespace:namespaces", "^Node:nodes", "^PersistentVolume:persistentvolumes", "ConfigMap:configmaps",
    "Secret:secrets", "Service:services", "ServiceAccount:serviceaccounts", "Pod:pods", "PodTemplate:podtemplates",
    "PersistentVolumeClaim:persistentvolumeclaims", "Endpoints:endpoints", "LimitRange:limitranges",
    "ResourceQuota:resourcequotas", "ReplicationController:replicationcontrollers", "Event:events",
  ],
  apps: ["Deployment:deployments", "StatefulSet:statefulsets", "DaemonSet:daemonsets", "ReplicaSet:replicasets", "ControllerRevision:controllerrevisions"],
  batch: ["Job:jobs", "CronJob:cronjobs"],
  autoscaling: ["HorizontalPodAutoscaler:horizontalpodautoscalers"],
  policy: ["PodDisruptionBudget:poddisruptionbudgets", "^PodSecurityPolicy:podsecuritypolicies"],
  "networking.k8s.io": ["NetworkPolicy:networkpolicies", "Ingress:ingresses", "^IngressClass:ingressclasses"],
  "rbac.authorization.k8s.io": ["^ClusterRole:clusterroles", "^ClusterRoleBinding:clusterrolebindings", "Role:roles", "RoleBinding:rolebindings"],
  "apiextensions.k8s.io": ["^CustomResourceDefinition:customresourcedefinitions"],
  "admissionregistration.k8s.io": [
    "^MutatingWebhookConfiguration:mutatingwebhookconfigurations", "^ValidatingWebhookConfiguration:validatingwebhookconfigurations",
    "^ValidatingAdmissionPolicy:validatingadmissionpolicies", "^ValidatingAdmissionPolicyBinding:validatingadmissionpolicybindings",
  ],
  "apiregistration.k8s.io": ["^APIService:apiservices"],
  "storage.k8s.io": ["^StorageClass:storageclasses", "^CSIDriver:csidrivers", "^VolumeAttachment:volumeattachments"],
  "scheduling.k8s.io": ["^PriorityClass:priorityclasses"],
  "node.k8s.io": ["^RuntimeClass:runtimeclasses"],
  "coordination.k8s.io": ["Lease:leases"],
  "discovery.k8s.io": ["EndpointSlice:endpointslices"],
  "certificates.k8s.io": ["^CertificateSigningRequest:certificatesigningrequests"],
};

export interface KindInfo {
  plural: string;
  namespaced: boolean;
}

const BUILTIN = new Map<string, KindInfo>();
for (const [group, rows] of Object.entries(TABLE)) {
  for (const row of rows) {
    const cluster = row.startsWith("^");
    const [kind, plural] = (cluster ? row.slice(1) : row).split(":") as [string, string];
    BUILTIN.set(`${group}|${kind}`, { plural, namespaced: !cluster });
  }
}

export function builtinKind(group: string, kind: string): KindInfo | undefined {
  return BUILTIN.get(`${group}|${kind}`);
}
