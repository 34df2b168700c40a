/** Reading of the YAML/JSON run config files, shared by the training and pretraining configs. */
package org.sensei4j.train.config;
